"""Commands to Xexun bytes: only ``custom``, its ASCII text sent as it is.

TK102/TK103 Xexun firmware takes its configuration by SMS; no GPRS command format is documented
for the report layouts decoded here, so there are no typed commands. ``custom`` is for firmware
that accepts its SMS command text over the data connection.
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
        raise UnsupportedCommand(f"xexun has no command {command.type!r}")
    data = custom_text(command)
    try:
        raw = data.encode("ascii")
    except UnicodeEncodeError as e:
        raise EncodeError(f"command text must be ASCII: {data!r}") from e
    if len(raw) > MAX_FRAME_SIZE:
        raise EncodeError(f"command text of {len(raw)} bytes is too long")
    return raw
