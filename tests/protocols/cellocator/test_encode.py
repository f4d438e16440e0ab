"""Cellocator commands: none is encoded until the vendor's Generic Command table is sourced;
the protocol entry."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.cellocator import PROTOCOL


@pytest.mark.parametrize("kind", ["custom", "engineStop", "engineResume", "positionSingle"])
def test_no_command_is_sent(kind: str) -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "cellocator"
    assert PROTOCOL.default_port == 5033  # traccar/traccar setup/default.xml
    assert PROTOCOL.transports == {Transport.TCP, Transport.UDP}
    assert PROTOCOL.commands == frozenset()
    assert PROTOCOL.messages and PROTOCOL.devices
