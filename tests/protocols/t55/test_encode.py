"""T55 commands: ``custom`` text with the line's CR LF; nothing else."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.t55 import PROTOCOL


def test_custom_gets_a_line_end() -> None:
    cmd = Command(type="custom", attributes={"data": "$PMXN,RESET"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"$PMXN,RESET\r\n"


def test_refusals() -> None:
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command(type="custom", attributes={"data": "a\rb"}), Session())
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(type="engineStop"), Session())
