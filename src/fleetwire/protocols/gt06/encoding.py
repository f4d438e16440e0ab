"""Commands to GT06 bytes: the 0x80 online command carrying an SMS-style ASCII command.

Owns the command vocabulary -> SMS text table and the downlink serial counter kept in the
session. The device's answers (0x15 / 0x21) are recognised by inspect.py and decoded by
decoding.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text, int_attribute
from fleetwire.protocols.base import Session

from .constants import MessageType
from .framing import build_frame

# Texts of the GT06N/JM-VL SMS command set; other models may need them sent as ``custom``.
TEXTS: Final[dict[str, str]] = {
    "engineStop": "Relay,1#",
    "engineResume": "Relay,0#",
    "requestInfo": "STATUS#",
    "positionSingle": "WHERE#",
    "requestPosition": "WHERE#",
    "rebootDevice": "RESET#",
}
COMMANDS: Final = frozenset({"custom", *TEXTS, "positionPeriodic", "setTimezone", "outputControl"})

SERVER_FLAG: Final = b"\x00\x00\x00\x00"  # echoed back by the device in its reply
_SERIAL_KEY = "gt06.command_serial"
_MAX_TEXT = 255 - 10  # the 1-byte length also counts protocol, lengths, flag, serial, CRC


def _timezone(command: Command) -> str:
    """GT06N "GMT,<E|W>,<hours>,<minutes>#": the zone the device reports its time in."""
    value = command.attributes.get("timezone")
    if isinstance(value, bool) or not isinstance(value, int | float) or not -12 <= value <= 14:
        raise EncodeError("setTimezone needs 'timezone' in hours, -12..14")
    minutes = round(abs(value) * 60)
    return f"GMT,{'E' if value >= 0 else 'W'},{minutes // 60},{minutes % 60}#"


# Typed commands whose text depends on attributes (GT06N SMS command list: TIMER, GMT, Relay).
def _timer(command: Command) -> str:
    return f"TIMER,{int_attribute(command, 'frequency', 5, 18000)}#"


def _relay(command: Command) -> str:
    return f"Relay,{int_attribute(command, 'data', 0, 1)}#"


BUILDERS: Final[dict[str, Callable[[Command], str]]] = {
    "positionPeriodic": _timer,
    "setTimezone": _timezone,
    "outputControl": _relay,
}


def _text(command: Command) -> str:
    if command.type == "custom":
        return custom_text(command)
    build = BUILDERS.get(command.type)
    if build is not None:
        return build(command)
    text = TEXTS.get(command.type)
    if text is None:
        raise UnsupportedCommand(f"gt06 has no command {command.type!r}")
    return text


def next_serial(session: Session) -> int:
    """1, 2, ... per connection, wrapping within 16 bits (0 is never used)."""
    serial = int(session.state.get(_SERIAL_KEY, 0)) % 0xFFFF + 1
    session.state[_SERIAL_KEY] = serial
    return serial


def encode_command(command: Command, session: Session) -> bytes:
    ascii_text = ascii_command(_text(command), _MAX_TEXT)
    content = bytes((len(SERVER_FLAG) + len(ascii_text),)) + SERVER_FLAG + ascii_text
    return build_frame(MessageType.ONLINE_COMMAND, content, next_serial(session))
