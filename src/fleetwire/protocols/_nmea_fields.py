"""NMEA-style fields that many text protocols embed (an RMC sentence, or its fields in their own
order): degrees-and-minutes coordinates, the hhmmss / ddmmyy pair, knots. A field that does not
parse is the device's fault (InvalidField), never a ValueError escaping a decoder."""

from __future__ import annotations

from datetime import datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._text import finite
from fleetwire.protocols._time import utc_datetime

KNOTS = 1.852  # km/h per knot


def degrees_minutes(value: str, hemisphere: str, letters: str, limit: int) -> float:
    """(d)ddmm.mmmm (leading zeros often dropped) and its hemisphere letter (``letters`` is
    "NS" or "EW", the second one negative) to signed degrees."""
    raw = finite(value)
    degrees = int(raw // 100)
    minutes = raw - degrees * 100
    result = degrees + minutes / 60
    if raw < 0 or minutes >= 60 or result > limit or hemisphere not in letters:
        raise InvalidField(f"bad coordinate {value!r} {hemisphere!r}")
    return -result if hemisphere == letters[1] else result


def date_time(dmy: str, hms: str) -> datetime:
    """ddmmyy and hhmmss[.sss] as a UTC datetime (years 2000-2099)."""
    if len(dmy) != 6 or not dmy.isdigit() or len(hms) < 6 or not hms[:6].isdigit():
        raise InvalidField(f"bad date-time {dmy!r} {hms!r}")
    parts = ("20" + dmy[4:], dmy[2:4], dmy[:2], hms[:2], hms[2:4], hms[4:6])
    return utc_datetime(parts, f"{dmy} {hms}")


def speed_course(rec: Record, knots: str, course: str) -> None:
    """Speed over ground (knots, empty: unknown) and course (degrees, empty: unknown)."""
    if knots:
        speed = finite(knots) * KNOTS
        if not 0 <= speed < 1000:
            raise InvalidField(f"speed {knots!r} kn out of range")
        rec.speed = round(speed, 2)
    if course:
        value = finite(course)
        if not 0 <= value <= 360:
            raise InvalidField(f"course {course!r} out of range")
        rec.course = value


def rmc(fields: list[str]) -> Record:
    """The RMC fields after the talker (time, status, lat, N/S, lon, E/W, knots, course, date):
    a record, valid when the status is A."""
    if len(fields) < 9:
        raise InvalidField(f"RMC with {len(fields)} fields")
    time, status, lat, ns, lon, ew, knots, course, dmy = fields[:9]
    rec = Record(fix_time=date_time(dmy, time), valid=status == "A")
    rec.latitude = degrees_minutes(lat, ns, "NS", 90)
    rec.longitude = degrees_minutes(lon, ew, "EW", 180)
    speed_course(rec, knots, course)
    return rec


def format_degrees_minutes(value: float, width: int, decimals: int) -> str:
    """The device side of degrees_minutes: abs(value) as (d)ddmm.mmmm with ``width`` degree
    digits and ``decimals`` minute decimals (the hemisphere letter is the caller's)."""
    total = round(abs(value) * 60, decimals)
    degrees = int(total // 60)
    return f"{degrees:0{width}d}{total - degrees * 60:0{decimals + 3}.{decimals}f}"
