"""Commands to Castel bytes: none yet.

The server-to-device messages of CB212-C1005 (parameter setting and query, remote control)
could not be read in a public copy of the vendor document, so no downlink is encoded rather
than one guessed; COMMANDS is empty and every command is refused as ours to fix.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"castel has no command {command.type!r}")
