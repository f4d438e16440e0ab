"""BOX commands: ``custom`` goes down as the configuration line the operator typed."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.box import PROTOCOL


def test_custom() -> None:
    cmd = Command("custom", {"data": "OUT0,1"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"OUT0,1\r\n"
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "a\rb"}), Session())
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port, PROTOCOL.transports) == (
        "box", 5065, {Transport.TCP})  # fmt: skip
    assert PROTOCOL.commands == {"custom"} and PROTOCOL.messages and PROTOCOL.devices
