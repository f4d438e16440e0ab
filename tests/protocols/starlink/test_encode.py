"""StarLink commands: none can be sent (encoding.py says why); every one is our refusal."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.starlink import PROTOCOL


@pytest.mark.parametrize("kind", ["custom", "engineStop", "positionSingle"])
def test_every_command_is_refused(kind: str) -> None:
    assert kind not in PROTOCOL.commands
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session(unique_id="1"))
