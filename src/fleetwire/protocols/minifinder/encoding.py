"""Commands to MiniFinder text: ``custom`` sends the operator's command text as it is (the
device answers `!3,<result>;`). The typed commands of the vendor document could not be sourced,
so none is offered. A custom text must be printable ASCII, one message. On a connection that
speaks the binary protocol (a minifinder2 unit on this name's port), minifinder2 encodes.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session
from fleetwire.protocols.minifinder2 import encoding as binary

from .constants import BINARY_SESSION

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if session.state.get(BINARY_SESSION):
        return binary.encode_command(command, session)
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"minifinder has no command {command.type!r}")
    text = custom_text(command)
    if not text.isascii() or not text.isprintable():
        raise EncodeError(f"custom text must be printable ASCII, got {text[:40]!r}")
    return text.encode("ascii")
