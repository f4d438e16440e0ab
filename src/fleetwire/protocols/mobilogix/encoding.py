"""Commands to Mobilogix units: `[<server time>,<S message>]`. S4,1,1 asks for the location, S6
sets the relay (RELAY=1 cuts the engine, 0 restores it), S7 reboots (constants.py names the
source). The server time is the receive time of the connection's latest frame (the session's
clock; sans-I/O code reads no clock). Owns the command vocabulary -> S message table."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

_MESSAGES: Final[dict[str, str]] = {
    "positionSingle": "S4,1,1",
    "engineStop": "S6,RELAY=1",
    "engineResume": "S6,RELAY=0",
    "rebootDevice": "S7",
}
COMMANDS: Final = frozenset({"custom", *_MESSAGES})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type == "custom":
        text = custom_text(command)
        if not text.isascii() or not text.isprintable() or set(text) & set("[]"):
            raise EncodeError("custom command: printable ASCII without [ or ]")
    elif command.type in _MESSAGES:
        text = _MESSAGES[command.type]
    else:
        raise UnsupportedCommand(f"mobilogix has no command {command.type!r}")
    if not session.received_us:
        raise EncodeError("no frame from the unit yet: no time to stamp the command with")
    now = datetime.fromtimestamp(session.received_us / 1_000_000, UTC)
    return f"[{now:%Y-%m-%d %H:%M:%S},{text}]".encode("ascii")
