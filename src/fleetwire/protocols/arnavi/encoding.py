"""Commands for ARNAVI devices: none are encoded.

The vendor's description has server commands (a SERVER_COM with data sent between packages,
answered by the device with the `5B FD <result> 5D` package, which inspect.py and decoding.py
recognise), but the command codes and their data were not in the part of the document we could
read, so no command is sent rather than one guessed.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"arnavi has no command {command.type!r}")
