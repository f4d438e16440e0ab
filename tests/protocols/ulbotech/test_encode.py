"""Ulbotech commands: only ``custom``, sent verbatim as the operator typed it (the vendor
document's command chapter could not be read, so no typed command is offered)."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.ulbotech import PROTOCOL
from fleetwire.protocols.ulbotech.constants import MAX_FRAME_SIZE


def test_custom_goes_down_verbatim() -> None:
    cmd = Command("custom", {"data": "*TS01,WFE:0#"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"*TS01,WFE:0#"


def test_command_set() -> None:
    assert PROTOCOL.commands == {"custom"}
    assert PROTOCOL.answers_commands is False


def test_commands_we_cannot_send() -> None:
    for kind in ("engineStop", "rebootDevice", "positionPeriodic"):
        with pytest.raises(UnsupportedCommand):
            PROTOCOL.encode_command(Command(kind), Session())
    for attrs in ({}, {"data": ""}, {"data": 5}, {"data": "coördinates"}, {"data": "a\r\nb"}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "x" * (MAX_FRAME_SIZE + 1)}), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "ulbotech"
    assert PROTOCOL.default_port == 5072  # traccar/traccar setup/default.xml: ulbotech.port
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
