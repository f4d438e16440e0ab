"""Commands to Ulbotech devices. Only ``custom`` is offered: its text goes down verbatim, as the
operator typed it for the device (a whole `*TS01,...#` command line). The vendor document's
command chapter could not be read (see constants.py); devices answer in text frames such as
`*TS01,<IMEI>,<time>,WFE:0#`, which inspect.py marks as replies. No typed command is guessed.
"""

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
        raise UnsupportedCommand(f"ulbotech has no command {command.type!r}")
    text = custom_text(command)
    if not text.isascii() or not text.isprintable():
        raise EncodeError(f"command text must be printable ASCII: {text!r}")
    if len(text) > MAX_FRAME_SIZE:
        raise EncodeError(f"command text of {len(text)} characters is too long")
    return text.encode("ascii")
