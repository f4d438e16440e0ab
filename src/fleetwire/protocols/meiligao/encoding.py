"""Commands to Meiligao bytes: `@@`, length, id, command type, parameters, CRC, CR LF.

Owns the command vocabulary -> Meiligao command table; the device's answers (same type) are
recognised by inspect.py and decoded by decoding.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import MAX_FRAME_SIZE, MIN_FRAME, SERVER_START
from .constants import MessageType as M
from .framing import build_frame, encode_id

_INTERVAL_UNIT = 10  # 0x4102 counts tens of seconds
_OUTPUTS = 5

Body = Callable[[dict[str, Any]], tuple[int, bytes]]


def _fixed(kind: int, data: bytes = b"") -> Body:
    return lambda attrs: (kind, data)


def _custom(attrs: dict[str, Any]) -> tuple[int, bytes]:
    """``data``: hex of the command type and its parameters, e.g. "4101" or "41140100000000"."""
    data = attrs.get("data")
    try:
        raw = bytes.fromhex(data) if isinstance(data, str) else b""
    except ValueError as e:
        raise EncodeError(f"custom data must be hex, got {data!r}") from e
    if len(raw) < 2:
        raise EncodeError("custom command needs 'data': hex of a 2-byte type and parameters")
    return int.from_bytes(raw[:2], "big"), raw[2:]


def _periodic(attrs: dict[str, Any]) -> tuple[int, bytes]:
    frequency = attrs.get("frequency")
    if not isinstance(frequency, int) or isinstance(frequency, bool) or frequency < 0:
        raise EncodeError(f"positionPeriodic needs a frequency in seconds >= 0, got {frequency!r}")
    units = -(-frequency // _INTERVAL_UNIT)  # round up: never track more often than asked
    if units > 0xFFFF:
        raise EncodeError(f"frequency {frequency} s is too long")
    return M.TRACK_BY_INTERVAL, units.to_bytes(2, "big")


def _outputs(first: int) -> bytes:
    """0x4114 sets every output: output 1 as asked, outputs 2-5 off."""
    return bytes((first,)) + bytes(_OUTPUTS - 1)


BODIES: Final[dict[str, Body]] = {
    "custom": _custom,
    "engineStop": _fixed(M.OUTPUT_CONTROL, _outputs(1)),
    "engineResume": _fixed(M.OUTPUT_CONTROL, _outputs(0)),
    "positionSingle": _fixed(M.TRACK_ON_DEMAND),
    "requestPosition": _fixed(M.TRACK_ON_DEMAND),
    "requestInfo": _fixed(M.SERIAL_AND_IMEI),
    "positionPeriodic": _periodic,
}
COMMANDS: Final = frozenset(BODIES)


def encode_command(command: Command, session: Session) -> bytes:
    body = BODIES.get(command.type)
    if body is None:
        raise UnsupportedCommand(f"meiligao has no command {command.type!r}")
    try:
        id_bytes = encode_id(session.unique_id or "")
    except ValueError as e:
        raise EncodeError(f"the session has no Meiligao id: {e}") from e
    kind, data = body(command.attributes)
    if len(data) + MIN_FRAME > MAX_FRAME_SIZE:
        raise EncodeError(f"command parameters of {len(data)} bytes are too long")
    return build_frame(SERVER_START, id_bytes, kind, data)
