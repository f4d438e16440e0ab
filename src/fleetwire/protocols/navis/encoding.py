"""Commands to Navis bytes: NTCB command texts as Navtelecom sends them (the same transport);
only ``custom`` is offered, the text as the operator typed it, since no Navis command table is
published (traccar/traccar has no Navis encoder either)."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.navtelecom import encoding as ntcb

COMMANDS: Final = ntcb.COMMANDS


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"navis has no command {command.type!r}")
    return ntcb.encode_command(command, session)
