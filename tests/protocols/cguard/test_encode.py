"""CGuard commands: none could be sourced, so none is offered."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.cguard import PROTOCOL


def test_no_commands() -> None:
    assert PROTOCOL.commands == frozenset()
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("custom", {"data": "x"}), Session())


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port, PROTOCOL.transports) == (
        "cguard", 5123, {Transport.TCP})  # fmt: skip
    assert PROTOCOL.messages and PROTOCOL.devices
