"""Commands to Mictrack units: the documents' commands are text (`netlock,...`, `mode,...`; the
unit answers `<name>=Success!`); their parameters differ per model, so only ``custom`` is
offered: the operator's command text, sent as typed."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_ascii
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"mictrack has no command {command.type!r}")
    return custom_ascii(command)
