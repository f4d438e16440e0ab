"""Xexun commands: only ``custom``, its text sent as it is."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.xexun import PROTOCOL


def test_custom_text_is_sent_verbatim() -> None:
    got = PROTOCOL.encode_command(Command("custom", {"data": "t030s***n123456"}), Session())
    assert got == b"t030s***n123456"
    assert PROTOCOL.commands == frozenset({"custom"})


def test_commands_we_cannot_send() -> None:
    for kind in ("engineStop", "positionPeriodic", "rebootDevice"):
        with pytest.raises(UnsupportedCommand):
            PROTOCOL.encode_command(Command(kind), Session())
    for data in (None, "", "café", 5):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", {"data": data}), Session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "x" * 1025}), Session())
