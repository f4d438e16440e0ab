"""Tramigo commands: none (the GPRS framing of the SMS commands is not public)."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.tramigo import PROTOCOL


def test_no_commands() -> None:
    assert PROTOCOL.commands == frozenset()
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("custom", {"data": "Find"}), Session(unique_id="1"))
