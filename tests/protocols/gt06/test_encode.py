"""GT06 commands: exact 0x80 bytes (CRC cross-checked with a bitwise reference), the serial
counter, and the errors for commands we cannot send."""

from __future__ import annotations

import os

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols import get
from fleetwire.protocols._binary import crc16_x25
from fleetwire.protocols.base import Session

from . import vectors as v

PROTOCOL = get("gt06")


def expected_command(text: str, serial: int) -> bytes:
    """0x80 frame built by hand: len, 80, cmd_len, flag 00000000, ASCII, serial, CRC, 0D0A."""
    cmd = text.encode("ascii")
    body = bytes((10 + len(cmd), 0x80, 4 + len(cmd))) + bytes(4) + cmd + serial.to_bytes(2, "big")
    return b"\x78\x78" + body + v.crc_x25_reference(body).to_bytes(2, "big") + b"\x0d\x0a"


def test_reference_crc_agrees_with_the_compiled_one() -> None:
    assert v.crc_x25_reference(b"123456789") == crc16_x25(b"123456789") == 0x906E
    for n in (0, 1, 7, 64, 300):
        data = os.urandom(n)
        assert v.crc_x25_reference(data) == crc16_x25(data)


def test_vl03_documented_example() -> None:
    cmd = Command("custom", {"data": "sos#"})
    assert PROTOCOL.encode_command(cmd, Session()) == v.VL03_COMMAND_SOS


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("engineStop", "Relay,1#"),
        ("engineResume", "Relay,0#"),
        ("requestInfo", "STATUS#"),
        ("positionSingle", "WHERE#"),
        ("requestPosition", "WHERE#"),
        ("rebootDevice", "RESET#"),
    ],
)
def test_command_bytes(kind: str, text: str) -> None:
    assert PROTOCOL.encode_command(Command(kind), Session()) == expected_command(text, 1)
    assert kind in PROTOCOL.commands


def test_engine_stop_exact_hex() -> None:
    got = PROTOCOL.encode_command(Command("engineStop"), Session())
    assert got.hex() == "787812800c00000000" + b"Relay,1#".hex() + "0001" + "8c67" + "0d0a"
    assert got == expected_command("Relay,1#", 1)


def test_serial_counts_per_session() -> None:
    s = Session()
    frames = [PROTOCOL.encode_command(Command("custom", {"data": "GPRS#"}), s) for _ in range(3)]
    assert frames == [expected_command("GPRS#", n) for n in (1, 2, 3)]
    assert PROTOCOL.encode_command(Command("rebootDevice"), Session()) == expected_command(
        "RESET#", 1
    )


# GT06N SMS command list (the texts the 0x80 command carries): TIMER,<s>#, GMT,<E|W>,<h>,<m>#,
# Relay,<0|1>#
@pytest.mark.parametrize(
    ("command", "text"),
    [
        (Command("positionPeriodic", {"frequency": 30}), "TIMER,30#"),
        (Command("setTimezone", {"timezone": 8}), "GMT,E,8,0#"),
        (Command("setTimezone", {"timezone": -3.5}), "GMT,W,3,30#"),
        (Command("outputControl", {"index": 1, "data": 1}), "Relay,1#"),
    ],
)
def test_typed_commands(command: Command, text: str) -> None:
    assert PROTOCOL.encode_command(command, Session()) == expected_command(text, 1)
    assert command.type in PROTOCOL.commands


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("firmwareUpdate"), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("setTimezone"), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("positionPeriodic", {"frequency": 1}), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom"), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "Relé,1#"}), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "x" * 246}), Session())
    longest = PROTOCOL.encode_command(Command("custom", {"data": "x" * 245}), Session())
    assert longest[2] == 0xFF
