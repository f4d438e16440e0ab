"""Commands to Ulbotech devices. Only ``custom`` is offered: its text goes down verbatim, as the
operator typed it for the device (a whole `*TS01,...#` command line). The vendor document's
command chapter could not be read (see constants.py); devices answer in text frames such as
`*TS01,<IMEI>,<time>,WFE:0#`, which inspect.py marks as replies. No typed command is guessed.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import printable_text
from fleetwire.protocols.base import Session

from .constants import MAX_FRAME_SIZE

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type != "custom":
        raise UnsupportedCommand(f"ulbotech has no command {command.type!r}")
    return printable_text(command, MAX_FRAME_SIZE).encode("ascii")
