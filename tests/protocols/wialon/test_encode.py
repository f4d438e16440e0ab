"""Wialon IPS commands: exact `#M#` bytes with and without the v2.0 CRC (cross-checked with a
bitwise CRC), the snapshot query, and the errors for commands we cannot send."""

from __future__ import annotations

import os

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._binary import crc16_arc
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.wialon import PROTOCOL

from . import vectors as v

V2 = Session(state={"wialon.version": "2.0"})


def test_reference_crc_agrees_with_the_compiled_one() -> None:
    assert v.crc16_arc_reference(b"123456789") == crc16_arc(b"123456789") == 0xBB3D
    for n in (0, 1, 7, 64, 300):
        data = os.urandom(n)
        assert v.crc16_arc_reference(data) == crc16_arc(data)


def test_custom_is_a_driver_message() -> None:
    # Gurtam: "#M#msg\r\n" (v1.1), "#M#msg;crc16\r\n" (v2.0)
    cmd = Command("custom", {"data": "Return to base"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"#M#Return to base\r\n"
    assert PROTOCOL.encode_command(cmd, V2) == v.v2("M", "Return to base")
    assert PROTOCOL.encode_command(cmd, V2).hex().endswith("0d0a")


def test_message_command() -> None:
    cmd = Command("message", {"message": "Привет"})
    assert PROTOCOL.encode_command(cmd, Session()) == "#M#Привет\r\n".encode()


def test_snapshot_query() -> None:
    assert PROTOCOL.encode_command(Command("requestPhoto"), V2) == b"#QI#\r\n"
    assert PROTOCOL.commands == {"custom", "message", "requestPhoto"}


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom"), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "two\r\nlines"}), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "x" * 5000}), Session())


def test_protocol_registration_facts() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("wialon", 5039)
    assert PROTOCOL.transports == {Transport.TCP, Transport.UDP}
    assert "D" in PROTOCOL.messages
