"""Commands to GoSafe devices. Only ``custom`` is offered: its text goes down verbatim, as the
operator typed it for their device. The vendor command syntax (the typed commands it would
carry, such as a reset answered `*GS06,<IMEI>,RST#`) is in a document that was not available,
so no typed command is guessed."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type != "custom":
        raise UnsupportedCommand(f"gosafe has no command {command.type!r}")
    return ascii_command(custom_text(command))
