"""Galileosky commands: the command packet (vendor "Structure of packet with command"), checked
byte for byte against a captured reply, which the vendor document says has the same structure."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.galileo import PROTOCOL
from fleetwire.protocols.galileo.encoding import command_packet
from fleetwire.protocols.galileo.inspect import DEVICE_ID_KEY

from . import vectors as v


def session(**state: object) -> Session:
    return Session(unique_id="863591023517372", state=dict(state))


def test_packet_layout_matches_a_captured_reply() -> None:
    assert command_packet("863591023517372", 0x66, 0, b"OUT(3..0) = 1110") == v.REPLY_OUT


def test_custom_uses_the_head_packets_device_id_and_counts() -> None:
    s = session()
    PROTOCOL.inspect(v.HEAD_PACKET, s)  # device id 0x32
    first = PROTOCOL.encode_command(Command("custom", {"data": "inall"}), s)
    second = PROTOCOL.encode_command(Command("custom", {"data": "inall"}), s)
    assert first == command_packet("863591023517372", 0x32, 1, b"inall")
    assert second == command_packet("863591023517372", 0x32, 2, b"inall")
    assert first[:3] == bytes.fromhex("011f00")  # 16 + 3 + 5 + 7 bytes of tags
    assert first[3:19] == b"\x03863591023517372"
    assert first[19:22] == b"\x04\x32\x00"
    assert first[22:27] == b"\xe0\x01\x00\x00\x00"
    assert first[27:34] == b"\xe1\x05inall"


@pytest.mark.parametrize(
    ("kind", "text"),
    [("engineStop", b"Out 0,1"), ("engineResume", b"Out 0,0"), ("requestInfo", b"Status")],
)
def test_typed_commands(kind: str, text: bytes) -> None:
    frame = PROTOCOL.encode_command(Command(kind), session(**{DEVICE_ID_KEY: 7}))
    assert frame == command_packet("863591023517372", 7, 1, text)


def test_commands_we_cannot_send() -> None:
    assert PROTOCOL.commands == {"custom", "engineStop", "engineResume", "requestInfo"}
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("alarmArm"), session())
    for attrs in ({}, {"data": ""}, {"data": 3}, {"data": "Ausgang ä"}, {"data": "x" * 256}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), session())
    with pytest.raises(EncodeError):  # no IMEI known yet
        PROTOCOL.encode_command(Command("requestInfo"), Session())


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("galileo", 5034)
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
