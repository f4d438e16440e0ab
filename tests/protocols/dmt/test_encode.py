"""Digital Matter commands: none are encoded (the vendor articles give the asynchronous messages
as Device Manager API payloads, not wire bytes), and the protocol entry."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.dmt import PROTOCOL


@pytest.mark.parametrize("kind", ["custom", "engineStop", "outputControl", "rebootDevice"])
def test_no_command_is_encoded(kind: str) -> None:
    assert PROTOCOL.commands == frozenset()
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session(unique_id="353323081669730"))


def test_protocol_entry() -> None:
    # Traccar's dmt port: src/main/java/org/traccar/config/PortConfigSuffix.java
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("dmt", 5137)
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
