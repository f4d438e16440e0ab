"""Commands to H02 text: `*<maker>,<id>,<CMD>[,<hhmmss>][,<params>]#`.

Owns the command vocabulary -> H02 command table. Sources: the vendor documents (S20 engine
cut/restore `S20,<hhmmss>,1,1` / `1,0`; CR single position; CQ reboot) and traccar's
H02ProtocolEncoderTest (S71 `22,<seconds>` report interval; SCF `0,0` arm / `1,1` disarm).
The `<hhmmss>` field is only an identifier the device echoes in its V4 answer: without a
clock here it comes from ``attributes["time"]`` (a datetime or "hhmmss") or else from a
per-connection sequence written as a time of day, so answers can still be matched.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text, int_attribute
from fleetwire.protocols.base import Session

from .inspect import MAKER_KEY

_SEQUENCE_KEY = "h02.command_sequence"
_DAY = 86400

# type -> (command word, takes the time field, fixed parameters)
_TABLE: Final[dict[str, tuple[str, bool, tuple[str, ...]]]] = {
    "engineStop": ("S20", True, ("1", "1")),
    "engineResume": ("S20", True, ("1", "0")),
    "alarmArm": ("SCF", True, ("0", "0")),
    "alarmDisarm": ("SCF", True, ("1", "1")),
    "positionSingle": ("CR", False, ()),
    "rebootDevice": ("CQ", False, ()),
    "positionPeriodic": ("S71", True, ("22",)),  # + the interval in seconds
}
COMMANDS: Final = frozenset({"custom", *_TABLE})


def _time_field(command: Command, session: Session) -> str:
    given = command.attributes.get("time")
    if isinstance(given, datetime):
        return given.astimezone(UTC).strftime("%H%M%S")
    if isinstance(given, str) and len(given) == 6 and given.isdigit():
        return given
    if given is not None:
        raise EncodeError(f"time must be a datetime or 'hhmmss', got {given!r}")
    n = int(session.state.get(_SEQUENCE_KEY, 0)) % _DAY + 1
    session.state[_SEQUENCE_KEY] = n
    return f"{n // 3600 % 24:02d}{n // 60 % 60:02d}{n % 60:02d}"


def _frequency(command: Command) -> str:
    return str(int_attribute(command, "frequency", 1, 65535))


def encode_command(command: Command, session: Session) -> bytes:
    uid = session.unique_id
    if not uid:
        raise EncodeError("h02 commands carry the device id: the session has none yet")
    maker = str(session.state.get(MAKER_KEY, "HQ"))
    if command.type == "custom":
        data = custom_text(command)
        text = data if data.startswith("*") else f"*{maker},{uid},{data}#"
    else:
        entry = _TABLE.get(command.type)
        if entry is None:
            raise UnsupportedCommand(f"h02 has no command {command.type!r}")
        word, timed, params = entry
        parts = [f"*{maker}", uid, word]
        if timed:
            parts.append(_time_field(command, session))
        parts += params
        if command.type == "positionPeriodic":
            parts.append(_frequency(command))
        text = ",".join(parts) + "#"
    try:
        return text.encode("ascii")
    except UnicodeEncodeError as e:
        raise EncodeError(f"command text must be ASCII: {text!r}") from e
