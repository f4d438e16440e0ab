"""ARNAVI commands: none are encoded (the command codes were not in the vendor document we could
read), so every command is refused with our error, never sent as a guess; and the protocol
entry (name, Traccar's port 5100, TCP)."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.arnavi import PROTOCOL
from fleetwire.protocols.base import Session, Transport


@pytest.mark.parametrize("kind", ["custom", "engineStop", "engineResume", "rebootDevice"])
def test_no_command_is_encoded(kind: str) -> None:
    assert PROTOCOL.commands == frozenset()
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session(unique_id="1"))


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("arnavi", 5100)
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
