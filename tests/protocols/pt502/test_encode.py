"""PT502 commands: exact `#<command>\\r\\n` text (the vendor excerpt's OPC1,1 / OPC1,0, the user
manual's RCP and RST, traccar's Pt502ProtocolEncoderTest strings for the `#...\\r\\n` form) and
the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.pt502 import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="6094"))


def test_traccar_encoder_test_strings() -> None:
    assert encode("custom", data="#PTI300") == b"#PTI300\r\n"
    assert encode("outputControl", index=2, data="1") == b"#OPC2,1\r\n"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("engineStop", b"#OPC1,1\r\n"),
        ("engineResume", b"#OPC1,0\r\n"),
        ("positionSingle", b"#RCP\r\n"),
        ("rebootDevice", b"#RST0\r\n"),
    ],
)
def test_command_texts(kind: str, text: bytes) -> None:
    assert encode(kind) == text
    assert kind in PROTOCOL.commands


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("positionPeriodic", frequency=30)  # the interval's unit is not documented
    for bad in ({}, {"data": "é"}, {"data": "#RCP\r\n#DFT"}):
        with pytest.raises(EncodeError):
            encode("custom", **bad)
    for attrs in ({"index": 0, "data": 1}, {"index": 1, "data": 2}, {"index": 1, "data": True}):
        with pytest.raises(EncodeError):
            encode("outputControl", **attrs)
