"""Topflytech commands: the T880x 0x81 message over a binary session (exact bytes as in
t800x), refused over a text-only session."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols import t800x
from fleetwire.protocols.base import Session
from fleetwire.protocols.topflytech import PROTOCOL

from . import vectors as v


def after(frame: bytes) -> Session:
    s = Session()
    s.unique_id = PROTOCOL.inspect(frame, s).unique_id
    return s


def test_binary_session_gets_the_t880x_command() -> None:
    cmd = Command("custom", {"data": "RELAY,1#"})
    got = PROTOCOL.encode_command(cmd, after(v.BINARY_LOCATION))
    assert got == bytes.fromhex("2525810018000108625220304013500152454c41592c3123")
    assert got == t800x.PROTOCOL.encode_command(cmd, after(v.BINARY_LOCATION))


def test_text_session_has_no_commands() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("custom", {"data": "RELAY,1#"}), after(v.TEXT))
    assert PROTOCOL.commands == frozenset({"custom"})
