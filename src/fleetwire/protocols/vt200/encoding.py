"""Commands to VT200 units: none are offered (no document or capture of a downlink frame was
found), so every command type is refused as unsupported."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"vt200 has no command {command.type!r}")
