"""Commands to Meitrack bytes: `@@<flag><length>,<imei>,<command>[,<params>]*XX\\r\\n`.

Owns the command vocabulary -> Meitrack command table and the flag counter kept in the session
(the device answers with the flag of the command, which pairs answers to commands). The answers
are recognised by inspect.py and decoded by decoding.py.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any, Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import MAX_FRAME_SIZE, SERVER_START
from .framing import build_frame

_FLAGS: Final = string.ascii_uppercase + string.ascii_lowercase
_FLAG_KEY = "meitrack.command_flag"
_A12_UNIT = 10  # A12 counts tens of seconds
_A12_MAX = 65535


def _fixed(text: str) -> Callable[[dict[str, Any]], str]:
    return lambda attrs: text


def _custom(attrs: dict[str, Any]) -> str:
    data = attrs.get("data")
    if not isinstance(data, str) or not data:
        raise EncodeError("custom command needs a non-empty string attribute 'data'")
    return data


def _periodic(attrs: dict[str, Any]) -> str:
    """A12,<interval in tens of seconds>; 0 turns timed tracking off."""
    frequency = attrs.get("frequency")
    if not isinstance(frequency, int) or isinstance(frequency, bool) or frequency < 0:
        raise EncodeError(f"positionPeriodic needs a frequency in seconds >= 0, got {frequency!r}")
    units = -(-frequency // _A12_UNIT)  # round up: never track more often than asked
    if units > _A12_MAX:
        raise EncodeError(f"frequency {frequency} s exceeds {_A12_MAX * _A12_UNIT} s")
    return f"A12,{units}"


# C01,<speed>,<ABCDE>: outputs 1-5, 0 off / 1 on / 2 unchanged; speed 0 acts at once.
BODIES: Final[dict[str, Callable[[dict[str, Any]], str]]] = {
    "custom": _custom,
    "engineStop": _fixed("C01,0,12222"),
    "engineResume": _fixed("C01,0,02222"),
    "positionSingle": _fixed("A10"),
    "requestPosition": _fixed("A10"),
    "requestInfo": _fixed("E91"),  # firmware version and serial number
    "positionPeriodic": _periodic,
}
COMMANDS: Final = frozenset(BODIES)


def next_flag(session: Session) -> str:
    """A, B, ... z per connection, then around again."""
    index = int(session.state.get(_FLAG_KEY, -1)) + 1
    session.state[_FLAG_KEY] = index % len(_FLAGS)
    return _FLAGS[index % len(_FLAGS)]


def encode_command(command: Command, session: Session) -> bytes:
    body = BODIES.get(command.type)
    if body is None:
        raise UnsupportedCommand(f"meitrack has no command {command.type!r}")
    imei = session.unique_id
    if not imei or not imei.isascii() or not imei.isalnum():
        raise EncodeError(f"meitrack commands carry the IMEI: the session has {imei!r}")
    text = body(command.attributes)
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError as e:
        raise EncodeError(f"command text must be ASCII: {text!r}") from e
    if b"*" in raw or b"\r" in raw or b"\n" in raw:
        raise EncodeError(f"command text may not hold '*', CR or LF: {text!r}")
    frame = build_frame(SERVER_START, next_flag(session), imei, raw)
    if len(frame) > MAX_FRAME_SIZE:
        raise EncodeError(f"command of {len(frame)} bytes is too long")
    return frame
