"""Commands to Totem devices: only ``custom``, the operator's command text sent as typed.

The documents we could read define commands as SMS instructions (`*<password>,<code>,...#`,
AVL02 User Guide V1.5 section 4) and no GPRS downlink framing; the AT09 "Commands" part could
not be read. So no typed command is encoded: an operator who knows the unit accepts its SMS
syntax over GPRS sends it with ``custom``.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type != "custom":
        raise UnsupportedCommand(f"totem has no command {command.type!r}")
    return ascii_command(custom_text(command))
