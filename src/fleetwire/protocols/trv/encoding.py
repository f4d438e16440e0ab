"""Commands to TRV units: the document's commands are `IWBP<nn>,<IMEI>,<serial>,<params>#`;
only ``custom`` is offered (the operator's command text, sent as typed), since the numbers of
the typed commands differ between the watch and TRV firmware."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_ascii
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"trv has no command {command.type!r}")
    return custom_ascii(command)
