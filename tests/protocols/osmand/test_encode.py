"""OsmAnd commands: the protocol's downlink is an HTTP response body, which the contract cannot
send on its own, so every command is refused with UnsupportedCommand."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.osmand import PROTOCOL


@pytest.mark.parametrize("kind", ["custom", "engineStop", "positionPeriodic", "rebootDevice"])
def test_every_command_is_unsupported(kind: str) -> None:
    assert PROTOCOL.commands == frozenset()
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x", "frequency": 60}), Session())
