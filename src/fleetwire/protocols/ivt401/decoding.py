"""iVT401 reports to Records: one position per report (constants.py has the field order). A
buffered report without a date (the unit had no clock yet) carries nothing and gives none."""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import BUFFERED, FIELDS, FIX_VALID, TYPES
from .framing import open_report


def _degrees(text: str, limit: float) -> float:
    value = finite(text)
    if abs(value) > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return value


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = open_report(frame)
    if f[0] not in TYPES:
        return []
    if len(f) < FIELDS:
        raise TruncatedFrame(f"iVT401 report with {len(f)} fields, needs {FIELDS}")
    if f[2] == "0" and f[3] == "0":
        return []  # no date, no fix: the unit has nothing to report yet
    try:
        t = datetime.strptime(f[2] + f[3], "%d%m%y%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {f[2]!r} {f[3]!r}") from e
    rec = Record(fix_time=device_clock_to_utc(t, ctx), valid=f[10] == FIX_VALID)
    rec.latitude, rec.longitude = _degrees(f[4], 90), _degrees(f[5], 180)
    rec.speed, rec.course, rec.altitude = finite(f[6]), finite(f[7]), finite(f[8])
    rec.satellites = integer(f[9])
    a = rec.attributes
    a["rssi"] = integer(f[11])
    a["power"], a["battery"], a["deviceTemp"] = finite(f[15]), finite(f[16]), finite(f[17])
    if f[0] == BUFFERED:
        a["archive"] = True
    return [rec]
