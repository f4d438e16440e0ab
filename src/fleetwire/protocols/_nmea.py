"""Shared NMEA 0183 sentence readers for the text protocols that forward a GNSS receiver's own
sentences (T55 and its relatives): RMC, GGA and RMA fields into a Record.

Each takes the sentence's fields after its talker/type field (``$GPRMC`` and the ``*XX``
checksum already removed) and raises InvalidField for a value no receiver sends. Speeds are
knots on the wire (NMEA) and km/h in the Record. Knows nothing about envelopes or sessions.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

KNOTS = 1.852  # km/h per knot
# A receiver that counts GPS weeks from the 1980 epoch without rollover handling dates its
# fixes 1024 weeks early (a 2016 fix reads 1996); such a date is moved forward by whole
# rollovers into the device era.
ROLLOVER = timedelta(weeks=1024)
_ERA = datetime(2000, 1, 1, tzinfo=UTC)
_SIGNS = {"N": 1, "S": -1, "E": 1, "W": -1, "": 1}


def coordinate(value: str, hemisphere: str, limit: int) -> float:
    """(d)ddmm.mmmm, leading zeros often dropped, to signed degrees."""
    value, hemisphere = value.strip(), hemisphere.strip()
    sign = _SIGNS.get(hemisphere)
    raw = finite(value)
    if sign is None or raw < 0:
        raise InvalidField(f"bad coordinate {value!r} {hemisphere!r}")
    degrees = int(raw // 100)
    minutes = raw - degrees * 100
    result = degrees + minutes / 60
    if minutes >= 60 or result > limit:
        raise InvalidField(f"coordinate {value!r} out of range")
    return sign * result


def degrees_minutes(value: float, width: int) -> str:
    """The other way, for simulated devices: |value| as (d)ddmm.mmmm with ``width`` degree
    digits (2 for latitude, 3 for longitude)."""
    total = round(abs(value) * 60, 4)
    degrees = int(total // 60)
    return f"{degrees:0{width}d}{total - degrees * 60:07.4f}"


def _clock(hms: str) -> tuple[int, int, int]:
    if len(hms) < 6 or not hms[:6].isdigit() or not hms.isascii():
        raise InvalidField(f"bad time {hms!r}")
    return int(hms[:2]), int(hms[2:4]), int(hms[4:6])


def date_time(hms: str, dmy: str, ctx: DecodeContext) -> datetime:
    """hhmmss[.sss] and ddmmyy to UTC (the ``timezone`` option for local clocks)."""
    hh, mm, ss = _clock(hms.strip())
    dmy = dmy.strip()
    if len(dmy) != 6 or not dmy.isdigit() or not dmy.isascii():
        raise InvalidField(f"bad date {dmy!r}")
    yy = int(dmy[4:])
    year = 1900 + yy if yy >= 80 else 2000 + yy  # the NMEA two-digit year
    try:
        t = datetime(year, int(dmy[2:4]), int(dmy[:2]), hh, mm, ss, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {dmy!r} {hms!r}") from e
    while t < _ERA:
        t += ROLLOVER
    return device_clock_to_utc(t, ctx)


def time_today(hms: str, ctx: DecodeContext) -> datetime:
    """A sentence with a time but no date (GGA): the receive date's, or the day before's
    when that would be later than the receipt (a fix from just before midnight)."""
    hh, mm, ss = _clock(hms.strip())
    if hh > 23 or mm > 59 or ss > 59:
        raise InvalidField(f"bad time {hms!r}")
    r = ctx.received.astimezone(UTC)
    t = device_clock_to_utc(datetime(r.year, r.month, r.day, hh, mm, ss, tzinfo=UTC), ctx)
    return t - timedelta(days=1) if t > ctx.received + timedelta(minutes=5) else t


def _speed_course(speed: str, course: str, rec: Record) -> None:
    rec.speed = round(finite(speed) * KNOTS, 3) if speed.strip() else None
    rec.course = finite(course) if course.strip() else None
    if rec.course is not None and not 0 <= rec.course <= 360:
        raise InvalidField(f"course {course!r} out of range")


def _need(f: list[str], n: int, what: str) -> None:
    if len(f) < n:
        raise TruncatedFrame(f"{what} sentence with {len(f)} fields, needs {n}")


def rmc(f: list[str], ctx: DecodeContext) -> Record:
    """time, status A/V, lat, N/S, lon, E/W, speed (knots), course, date, ..."""
    _need(f, 9, "RMC")
    rec = Record(fix_time=date_time(f[0], f[8], ctx), valid=f[1].strip() == "A")
    rec.latitude = coordinate(f[2], f[3], 90)
    rec.longitude = coordinate(f[4], f[5], 180)
    _speed_course(f[6], f[7], rec)
    return rec


def gga(f: list[str], ctx: DecodeContext) -> Record:
    """time, lat, N/S, lon, E/W, quality (0 no fix), satellites, HDOP, altitude, M, ..."""
    _need(f, 9, "GGA")
    rec = Record(fix_time=time_today(f[0], ctx), valid=f[5].strip() not in ("", "0"))
    rec.latitude = coordinate(f[1], f[2], 90)
    rec.longitude = coordinate(f[3], f[4], 180)
    if f[6].strip():
        rec.satellites = integer(f[6].strip())
    if f[7].strip():
        rec.attributes["hdop"] = finite(f[7])
    if f[8].strip():
        rec.altitude = finite(f[8])
    return rec


def rma(f: list[str], ctx: DecodeContext) -> Record:
    """status A/V, lat, N/S, lon, E/W, loran TD1, TD2, speed (knots), course, ...: no time,
    so the receive time stands in."""
    _need(f, 9, "RMA")
    rec = Record(fix_time=ctx.received, valid=f[0].strip() == "A")
    rec.latitude = coordinate(f[1], f[2], 90)
    rec.longitude = coordinate(f[3], f[4], 180)
    _speed_course(f[7], f[8], rec)
    return rec
