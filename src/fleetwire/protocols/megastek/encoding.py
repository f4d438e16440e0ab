"""Commands to Megastek units: no public document gives the command set, so only ``custom``
is offered: the operator's command text, sent as one line ended by CR LF (how every Megastek
line travels). Owns the command vocabulary."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type != "custom":
        raise UnsupportedCommand(f"megastek has no command {command.type!r}")
    text = custom_text(command)
    if "\r" in text or "\n" in text or not text.isascii():
        raise EncodeError("custom command text must be one ASCII line")
    return text.encode("ascii") + b"\r\n"
