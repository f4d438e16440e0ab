"""Meiligao commands: exact bytes (CRC cross-checked with a bitwise reference), the command
table, and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.meiligao import PROTOCOL

from . import vectors as v

ID = "67144025885540"


@pytest.mark.parametrize(
    ("kind", "attrs", "command", "data"),
    [
        ("requestPosition", {}, 0x4101, b""),
        ("positionSingle", {}, 0x4101, b""),
        ("requestInfo", {}, 0x9001, b""),
        ("engineStop", {}, 0x4114, b"\x01\x00\x00\x00\x00"),
        ("engineResume", {}, 0x4114, b"\x00\x00\x00\x00\x00"),
        ("positionPeriodic", {"frequency": 60}, 0x4102, b"\x00\x06"),
        ("positionPeriodic", {"frequency": 61}, 0x4102, b"\x00\x07"),
        ("custom", {"data": v.GPSGATE_OUTPUTS_135.hex()}, 0x4114, b"\x01\x00\x01\x00\x01"),
    ],
)
def test_command_bytes(kind: str, attrs: dict[str, object], command: int, data: bytes) -> None:
    got = PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id=ID))
    assert got == v.frame(b"@@", ID, command, data)
    assert kind in PROTOCOL.commands


def test_request_position_exact_bytes() -> None:
    got = PROTOCOL.encode_command(Command("requestPosition"), Session(unique_id="1001"))
    head = bytes.fromhex("404000111001ffffffffff4101")  # @@, length 17, id 1001+F, 0x4101
    assert got == head + v.crc_reference(head).to_bytes(2, "big") + b"\r\n"


def test_commands_we_cannot_send() -> None:
    s = Session(unique_id=ID)
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("rebootDevice"), s)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("requestPosition"), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("requestPosition"), Session(unique_id="123456789012345"))
    for data in (None, "41", "zz01", 4101):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", {"data": data}), s)
    for bad in (-1, "60", None, False, 655351):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("positionPeriodic", {"frequency": bad}), s)
