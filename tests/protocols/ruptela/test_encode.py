"""Ruptela commands: exact command-108 bytes (vendor support example), the command set and its
texts (vendor SMS command list: "setio X1,X2", 0 low, 1 high, 2 unchanged)."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.ruptela import PROTOCOL
from fleetwire.protocols.ruptela.framing import server_packet

from . import vectors as v


def test_custom_is_the_vendor_example_bytes() -> None:
    cmd = Command("custom", {"data": "summer gsminfo"})
    assert PROTOCOL.encode_command(cmd, Session()) == v.COMMAND_GSMINFO


@pytest.mark.parametrize(
    ("kind", "text"),
    [("engineStop", b"setio 1,2"), ("engineResume", b"setio 0,2"), ("positionSingle", b"coords")],
)
def test_typed_commands(kind: str, text: bytes) -> None:
    assert PROTOCOL.encode_command(Command(kind), Session()) == server_packet(108, text)
    with_password = PROTOCOL.encode_command(Command(kind, {"password": "summer"}), Session())
    assert with_password == server_packet(108, b"summer " + text)


def kermit_reference(data: bytes) -> int:
    """CRC-16/KERMIT bit by bit (check("123456789") = 0x2189), independent of crcmod."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc


def test_engine_stop_bytes() -> None:
    assert kermit_reference(b"123456789") == 0x2189
    frame = PROTOCOL.encode_command(Command("engineStop"), Session())
    assert frame == bytes.fromhex("000a6c736574696f20312c328446")
    assert kermit_reference(frame[2:-2]) == 0x8446
    assert kermit_reference(v.RECORDS_ACK[2:-2]) == 0x13BC


def test_command_set() -> None:
    assert PROTOCOL.commands == {"custom", "engineStop", "engineResume", "positionSingle"}
    for kind in PROTOCOL.commands:
        attrs = {"data": "getio"} if kind == "custom" else {}
        PROTOCOL.encode_command(Command(kind, attrs), Session())


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("alarmArm"), Session())
    for attrs in ({}, {"data": ""}, {"data": 5}, {"data": "coördinates"}, {"data": "x" * 161}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop", {"password": "two words"}), Session())
    assert len(PROTOCOL.encode_command(Command("custom", {"data": "x" * 160}), Session())) == 165


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "ruptela"
    assert PROTOCOL.default_port == 5046
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
