"""MiniFinder commands: ``custom`` wraps a hex message body in the envelope (ACK flag, a sequence
id per session, CRC-16/XMODEM), and nothing else is offered: the vendor's typed commands could
not be sourced."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._binary import crc16_xmodem
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.minifinder2 import PROTOCOL

from . import vectors as v


def xmodem_reference(data: bytes) -> int:
    """CRC-16/XMODEM bit by bit (check("123456789") = 0x31C3), independent of crcmod."""
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def test_crc_is_xmodem_on_real_frames() -> None:
    assert xmodem_reference(b"123456789") == crc16_xmodem(b"123456789") == 0x31C3
    for frame in v.VALID:
        assert xmodem_reference(frame[8:]) == int.from_bytes(frame[4:6], "little")


def test_custom_wraps_the_body_with_a_sequence_per_session() -> None:
    session = Session()
    # the system-control body of a real capture (SYSTEM_CONTROL), sent back down
    cmd = Command("custom", {"data": "04061f0074657374"})
    first = PROTOCOL.encode_command(cmd, session)
    assert first == bytes.fromhex("ab100800c9ea0100") + bytes.fromhex("04061f0074657374")
    second = PROTOCOL.encode_command(cmd, session)
    assert second[6:8] == b"\x02\x00" and second[8:] == first[8:]
    # the device confirms with the response message of the same sequence id
    assert PROTOCOL.encode_command(Command("custom", {"data": "7f0100"}), Session()) == (
        bytes.fromhex("ab10030008c701007f0100")
    )


def test_command_set() -> None:
    assert PROTOCOL.commands == {"custom"}


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
    for attrs in ({}, {"data": ""}, {"data": 5}, {"data": "zz"}, {"data": "55"}, {"data": "0"}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "minifinder2"
    assert PROTOCOL.default_port == 5187
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
