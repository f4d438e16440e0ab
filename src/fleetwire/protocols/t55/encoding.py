"""Commands to T55 units: no command set is documented for the family, so only ``custom``:
the operator's text, sent as typed with the CR LF that ends every line."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_ascii
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"t55 has no command {command.type!r}")
    return custom_ascii(command) + b"\r\n"
