"""Commands to Cellocator bytes: none yet.

The vendor's inbound "Generic Command" (Type 0) and "Programming Command" (Type 1) exist, but
their field tables could not be read for this package, so no command is encoded rather than one
guessed at (a wrong command code could switch an output of a vehicle). COMMANDS stays empty
until those tables are sourced.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"cellocator has no command {command.type!r}")
