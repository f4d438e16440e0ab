"""Commands to Tramigo units: the T23 user manual's commands are SMS texts (`Find`, `Status`,
...); their GPRS framing is not public, so no command is offered here. Owns the (empty)
command vocabulary."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"tramigo has no command {command.type!r}")
