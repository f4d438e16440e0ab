"""StarLink commands: none. No document describes the downlink; every command is refused as
ours."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"starlink has no command {command.type!r}")
