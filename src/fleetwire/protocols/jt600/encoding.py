"""Commands to JT600 / JT701 units: text `(Sxx,...)` lines, the command words of
traccar Jt600ProtocolEncoderTest (engine cut S07,0 / restore S07,1; time zone S09,1,<minutes>;
reboot S17), plus ``custom`` sent verbatim.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text, int_attribute
from fleetwire.protocols.base import Session

from .constants import MAX_TEXT_SIZE

_FIXED: Final[dict[str, str]] = {
    "engineStop": "(S07,0)",
    "engineResume": "(S07,1)",
    "rebootDevice": "(S17)",
}
COMMANDS: Final = frozenset({"custom", "setTimezone", *_FIXED})


def encode_command(command: Command, session: Session) -> bytes:
    if command.type in _FIXED:
        return _FIXED[command.type].encode("ascii")
    if command.type == "setTimezone":
        # minutes east of UTC; the sign is the first parameter (1 east, 0 west)
        minutes = int_attribute(command, "timezone", -720, 840)
        return f"(S09,{1 if minutes >= 0 else 0},{abs(minutes)})".encode("ascii")
    if command.type != "custom":
        raise UnsupportedCommand(f"jt600 has no command {command.type!r}")
    text = custom_text(command)
    if not text.isascii() or not text.isprintable() or len(text) > MAX_TEXT_SIZE:
        raise EncodeError(f"command text must be printable ASCII, at most {MAX_TEXT_SIZE}")
    return text.encode("ascii")
