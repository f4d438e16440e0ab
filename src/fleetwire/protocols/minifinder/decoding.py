"""MiniFinder text messages to Records: positions (!D, !C), alarm positions (!A), status (!5),
command results (!3) and the stored phone numbers (!4). The login (!1) carries no record.

Fix times are UTC (the sources' expected times equal the message's own). A binary frame
(minifinder2, stored under this name before the rename) is decoded by minifinder2.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.minifinder2 import decoding as binary

from .constants import ALARM_POSITION, FLAG_VALID, PHONES, POSITION, POSITION_C, RESULT, STATUS
from .framing import is_binary, open_message

_FULL_CIRCLE: Final = 360.0
_CENTURY: Final = 2000


def _time(date: str, clock: str) -> datetime:
    """`d/m/yy` and `h:m:s`, with or without leading zeros (both appear in the sources)."""
    d, t = date.split("/"), clock.split(":")
    if len(d) != 3 or len(t) != 3:
        raise InvalidField(f"bad time {date!r} {clock!r}")
    day, month, year = (integer(x) for x in d)
    hour, minute, second = (integer(x) for x in t)
    try:
        return datetime(_CENTURY + year, month, day, hour, minute, second, tzinfo=UTC)
    except (ValueError, OverflowError) as e:  # a digit run past C's int: no date either
        raise InvalidField(f"bad time {date!r} {clock!r}") from e


def _coordinate(text: str, limit: float) -> float:
    value = finite(text)
    if abs(value) > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return value


def _fix(fields: list[str], need: int) -> Record:
    """The fields every position message starts with: date, time, lat, lon, km/h, course."""
    if len(fields) < need:
        raise TruncatedFrame(f"{len(fields)} fields, need {need}")
    course = finite(fields[5])
    return Record(
        fix_time=_time(fields[0], fields[1]),
        latitude=_coordinate(fields[2], 90.0),
        longitude=_coordinate(fields[3], 180.0),
        speed=finite(fields[4]),
        # one alarm message in the sources carries 25101 here: not a course
        course=course if 0 <= course <= _FULL_CIRCLE else None,
    )


def _position(fields: list[str], full: bool) -> Record:
    """!D (full: satellites and HDOP follow) and !C: flags (hex), altitude, battery %."""
    r = _fix(fields, 12 if full else 9)
    flags = integer(fields[6], 16)
    r.valid = bool(flags >> FLAG_VALID & 1)
    r.altitude = finite(fields[7])
    a = r.attributes
    a["flags"] = flags
    a["batteryLevel"] = integer(fields[8])
    if full:
        r.satellites = integer(fields[9])
        a["satVisible"] = integer(fields[10])
        a["hdop"] = finite(fields[11])
    return r


def _alarm(fields: list[str]) -> Record:
    r = _fix(fields, 7)
    r.kind = RecordKind.EVENT
    # no validity flag is sourced for !A: a zero position is the only sign of no fix
    r.valid = (r.latitude, r.longitude) != (0.0, 0.0)
    return r


def _status(kind: str, fields: list[str], received: datetime) -> Record | None:
    a: Attributes = {}
    if kind == RESULT:
        a["result"] = ",".join(fields)
    elif kind == PHONES:
        if len(fields) < 2:
            raise TruncatedFrame("!4 without a phone number")
        a["phone1"] = fields[1]
    elif kind == STATUS:
        if len(fields) < 2:
            raise TruncatedFrame("!5 without signal and GPS state")
        a["rssi"] = integer(fields[0])
        if len(fields) > 2 and fields[2]:
            a["batteryLevel"] = integer(fields[2])
    else:
        return None
    return Record(fix_time=received, kind=RecordKind.STATUS, attributes=a)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    if is_binary(frame):
        return binary.decode(frame, ctx)
    kind, fields = open_message(frame)
    record: Record | None
    if kind == POSITION:
        record = _position(fields, full=True)
    elif kind == POSITION_C:
        record = _position(fields, full=False)
    elif kind == ALARM_POSITION:
        record = _alarm(fields)
    else:
        record = _status(kind, fields, ctx.received)
    return [] if record is None else [record]
