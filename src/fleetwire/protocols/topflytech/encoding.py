"""Commands to Topflytech units: over a binary (T880x) session the 0x81 setting message of the
t800x package; the text-form units take their commands by SMS only, so a session that has only
seen text messages refuses them."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.t800x import encoding as binary
from fleetwire.protocols.t800x.inspect import SESSION_HEADER

COMMANDS: Final = binary.COMMANDS


def encode_command(command: Command, session: Session) -> bytes:
    if SESSION_HEADER not in session.state:
        raise UnsupportedCommand(f"topflytech text units have no GPRS command {command.type!r}")
    return binary.encode_command(command, session)
