"""Commands to AIS-140 devices: the standard's over-the-air commands are text lines
`SET <param>:<value>`, `GET <param>`, `CLR <param>` (QuecPython/AIS-140 code/ais.py parses
exactly these); their parameter names are vendor- and state-specific, so only ``custom`` is
offered: the operator's command text, sent as typed.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_ascii
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"its has no command {command.type!r}")
    return custom_ascii(command)
