"""The NMEA RMC sentence, shared by the text protocols that embed one (Xexun, TLT-2H): a field
that does not parse is the device's InvalidField, never a ValueError escaping a decoder; and
the (d)ddmm.mmmm coordinate writer the simulated devices of such protocols use.

Owns the sentence's field order (time, status, latitude, N/S, longitude, E/W, speed in knots,
course, date) and its units; knows nothing about the envelope around it. Fix times are read as
UTC, as the sentence defines them; a protocol whose devices send local time shifts them with
_time.device_clock_to_utc.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._text import finite

KNOTS: Final = 1.852  # km/h per knot
RMC_FIELDS: Final = 10  # head, time, status, lat, N/S, lon, E/W, speed, course, date


def coordinate(value: str, hemisphere: str, letters: str, limit: int) -> float:
    """(d)ddmm.mmmm (leading zeros often dropped) to signed degrees; an empty hemisphere is
    taken as the positive one (captured from a device that left it out)."""
    raw = finite(value)
    degrees = int(raw // 100)
    minutes = raw - degrees * 100
    result = degrees + minutes / 60
    if raw < 0 or minutes >= 60 or result > limit or hemisphere not in ("", *letters):
        raise InvalidField(f"bad coordinate {value!r} {hemisphere!r}")
    return -result if hemisphere == letters[1] else result


def ddmm(value: float, width: int) -> str:
    """|value| as degrees and minutes with four decimals, e.g. 2239.4210 (``width`` degree
    digits): what devices write, for the simulated ones."""
    total = round(abs(value) * 60, 4)
    degrees = int(total // 60)
    return f"{degrees:0{width}d}{total - degrees * 60:07.4f}"


def clock(hms: str, dmy: str) -> datetime:
    """hhmmss[.sss] and ddmmyy to a UTC datetime (fractions of a second dropped)."""
    if len(dmy) != 6 or not dmy.isdigit() or len(hms) < 6 or not hms[:6].isdigit():
        raise InvalidField(f"bad date-time {dmy!r} {hms!r}")
    try:
        return datetime(2000 + int(dmy[4:]), int(dmy[2:4]), int(dmy[:2]), int(hms[:2]),
                        int(hms[2:4]), int(hms[4:6]), tzinfo=UTC)  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {dmy!r} {hms!r}") from e


def rmc(f: Sequence[str]) -> Record:
    """A position from the fields of one RMC sentence, ``f[0]`` its head (`GPRMC`, `$GNRMC`
    ...) and the checksum already cut off. Empty speed and course read as 0."""
    if len(f) < RMC_FIELDS:
        raise InvalidField(f"RMC sentence with {len(f)} fields")
    rec = Record(fix_time=clock(f[1], f[9]), valid=f[2] == "A")
    rec.latitude = coordinate(f[3], f[4], "NS", 90)
    rec.longitude = coordinate(f[5], f[6], "EW", 180)
    rec.speed = finite(f[7]) * KNOTS if f[7] else 0.0
    rec.course = finite(f[8]) if f[8] else 0.0
    if not (0 <= rec.speed < 1000 and 0 <= rec.course <= 360):
        raise InvalidField(f"speed {f[7]!r} or course {f[8]!r} out of range")
    return rec
