"""Castel commands: none is encoded (the vendor's downlink layouts could not be sourced), so
every command is refused as our error, and the protocol entry says so."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.castel import PROTOCOL


@pytest.mark.parametrize("kind", ["custom", "engineStop", "positionSingle", "rebootDevice"])
def test_no_command_is_encoded(kind: str) -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session(unique_id="213GDP"))


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("castel", 5086)
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.commands == frozenset()
    assert PROTOCOL.messages and PROTOCOL.devices
