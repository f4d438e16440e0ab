"""Commands to BOX trackers: ``custom`` sends the operator's configuration command line (the
vendor document's chapter 6, e.g. `OUT0,1`) as typed, ended by CR LF."""

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
        raise UnsupportedCommand(f"box has no command {command.type!r}")
    return printable_text(command, MAX_FRAME_SIZE - 2).encode("ascii") + b"\r\n"
