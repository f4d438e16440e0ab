"""Commands to IntelliTrac units: ``custom`` only, the unit's own command text (e.g.
`$ST+...`), sent as one line; the command set differs between models, so no typed command is
guessed."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

from .constants import MAX_FRAME_SIZE

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type != "custom":
        raise UnsupportedCommand(f"intellitrac has no command {command.type!r}")
    text = custom_text(command)
    if not text.isascii() or not text.isprintable() or len(text) > MAX_FRAME_SIZE:
        raise EncodeError(f"command text must be one printable ASCII line: {text!r}")
    return text.encode("ascii") + b"\r\n"
