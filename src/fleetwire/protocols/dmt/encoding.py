"""Commands to Digital Matter bytes: none.

Digital Matter devices take commands as asynchronous messages (0x20) that the server queues and
hands over when the device asks (0x22). The public vendor articles describe those messages'
payloads as Device Manager API calls, not their bytes on the wire, so no command is encoded here:
an async session request is answered "nothing queued" (inspect.py).
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(f"dmt has no command {command.type!r}")
