"""TK103 commands: exact frames for each typed command (traccar Tk103ProtocolEncoderTest
strings and the vendor document's examples) and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.tk103 import PROTOCOL

ID = "123456789012345"  # the id traccar's encoder test uses


def encode(kind: str, uid: str = ID, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id=uid))


@pytest.mark.parametrize(
    ("kind", "attrs", "expected"),
    [
        ("positionSingle", {}, b"(123456789012345AP00)"),
        ("positionPeriodic", {"frequency": 60}, b"(123456789012345AR00003C0000)"),
        ("positionStop", {}, b"(123456789012345AR0000000000)"),
        ("engineStop", {}, b"(123456789012345AV010)"),
        ("engineResume", {}, b"(123456789012345AV011)"),
        ("rebootDevice", {}, b"(123456789012345AT00)"),
        ("custom", {"data": "AA00"}, b"(123456789012345AA00)"),
    ],
)
def test_command_bytes(kind: str, attrs: dict[str, object], expected: bytes) -> None:
    assert encode(kind, **attrs) == expected
    assert kind in PROTOCOL.commands


def test_document_examples_with_a_device_id() -> None:
    assert encode("positionSingle", "013612345678") == b"(013612345678AP00)"
    assert encode("engineStop", "013612345678") == b"(013612345678AV010)"
    # isochronous feedback every 20 s (0x0014) for 0 h 36 min (0x00 0x24)
    assert encode("custom", "013612345678", data="AR0000140024") == b"(013612345678AR0000140024)"


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("getVersion")  # AP07 in traccar, "center number" in the document
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="AA00)(x")
    with pytest.raises(EncodeError):
        encode("custom", data="é")
    with pytest.raises(EncodeError):
        encode("positionPeriodic", frequency=0x10000)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop"), Session())
