"""Commands to LM Direct bytes: none yet.

The guide's downlink (Unit Request, Configuration Parameter and PEG action messages) could not be
read in full from any public copy, and the gateway has no UDP downlink to carry it, so no command
is encoded rather than one guessed at. Knows nothing about how bytes reach a device.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"calamp has no command {command.type!r}")
