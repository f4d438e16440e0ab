"""LM Direct commands: none is encoded (the guide's downlink messages could not be sourced and
the gateway has no UDP downlink), so every command is refused as ours to fix, not sent."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.calamp import PROTOCOL


def test_no_commands() -> None:
    assert PROTOCOL.commands == frozenset()


@pytest.mark.parametrize("kind", ["custom", "engineStop", "rebootDevice", "positionSingle"])
def test_every_command_is_unsupported(kind: str) -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session(Transport.UDP))
