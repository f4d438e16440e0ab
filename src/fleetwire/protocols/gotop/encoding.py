"""Commands to GoTop units: no command set could be sourced, so only ``custom``: the
operator's command text, sent as typed."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_ascii
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"gotop has no command {command.type!r}")
    return custom_ascii(command)
