"""Commands to Topin devices: none are offered. The document's downlink messages (0x57
parameter setting, 0x80 text command) could not be read in full from the public copies, so no
command is guessed; every command type is refused as unsupported."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"topin has no command {command.type!r}")
