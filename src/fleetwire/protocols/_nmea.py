"""NMEA 0183 fields and sentences, for the text protocols that forward a GNSS receiver's own
sentences or embed its fields in their own order (T55, Mictrack, Xexun, TLT-2H, Megastek,
Laipac, TRV ...), and the writers their simulated devices use.

Readers raise InvalidField for a value no receiver sends, never a ValueError escaping a decoder.
Sentence readers take the fields after the talker/type field (``$GPRMC`` and the ``*XX``
checksum already removed). Speeds are knots on the wire and km/h in the Record. Fix times are
read as UTC, as the sentence defines them; a protocol whose devices send local time shifts them
(receiver_time, or _time.device_clock_to_utc). Knows nothing about envelopes or sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols._binary import xor8
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

# A receiver that counts GPS weeks from the 1980 epoch without rollover handling dates its
# fixes 1024 weeks early (a 2016 fix reads 1996); such a date is moved forward by whole
# rollovers into the device era.
ROLLOVER: Final = timedelta(weeks=1024)
_ERA: Final = datetime(2000, 1, 1, tzinfo=UTC)
_PIVOT: Final = 2080  # two-digit years 80-99 are the 1980s and 1990s for receiver_time


def coordinate(value: str, hemisphere: str, letters: str, limit: int) -> float:
    """(d)ddmm.mmmm (leading zeros often dropped) and its hemisphere letter (``letters`` is
    "NS" or "EW", the second one negative) to signed degrees; an empty hemisphere is taken as
    the positive one (captured from devices that leave it out)."""
    hemisphere = hemisphere.strip()
    raw = finite(value)
    degrees = int(raw // 100)
    minutes = raw - degrees * 100
    result = degrees + minutes / 60
    if raw < 0 or minutes >= 60 or result > limit or hemisphere not in ("", *letters):
        raise InvalidField(f"bad coordinate {value!r} {hemisphere!r}")
    return -result if hemisphere == letters[1] else result


def _clock(hms: str) -> tuple[int, int, int]:
    if len(hms) < 6 or not hms[:6].isdigit() or not hms.isascii():
        raise InvalidField(f"bad time {hms!r}")
    return int(hms[:2]), int(hms[2:4]), int(hms[4:6])


def date_time(hms: str, dmy: str) -> datetime:
    """hhmmss[.sss] and ddmmyy as a UTC datetime, years 2000-2099 (fractions of a second
    dropped)."""
    hh, mm, ss = _clock(hms.strip())
    dmy = dmy.strip()
    if len(dmy) != 6 or not dmy.isdigit() or not dmy.isascii():
        raise InvalidField(f"bad date {dmy!r}")
    try:
        return datetime(2000 + int(dmy[4:]), int(dmy[2:4]), int(dmy[:2]), hh, mm, ss, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {dmy!r} {hms!r}") from e


def receiver_time(t: datetime, ctx: DecodeContext) -> datetime:
    """A date_time as a receiver means it: the two-digit years 80-99 are the 1980s and 1990s,
    a date before 2000 is a week-rollover victim moved forward, and the ``timezone`` option
    shifts a local clock to UTC."""
    if t.year >= _PIVOT:
        t = t.replace(year=t.year - 100)
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


def speed_course(rec: Record, knots: str, course: str, digits: int | None) -> None:
    """Speed over ground (knots, empty: unknown) to km/h rounded to ``digits`` decimals (None:
    not rounded), and course (degrees, empty: unknown)."""
    if knots := knots.strip():
        speed = finite(knots) * KNOTS
        if not 0 <= speed < 1000:
            raise InvalidField(f"speed {knots!r} kn out of range")
        rec.speed = speed if digits is None else round(speed, digits)
    if course := course.strip():
        value = finite(course)
        if not 0 <= value <= 360:
            raise InvalidField(f"course {course!r} out of range")
        rec.course = value


def rmc(f: Sequence[str], digits: int | None) -> Record:
    """time, status A/V, lat, N/S, lon, E/W, speed (knots), course, date, ...: a record with
    a date_time fix time, valid when the status is A; speed as speed_course."""
    if len(f) < 9:
        raise InvalidField(f"RMC sentence with {len(f)} fields")
    rec = Record(fix_time=date_time(f[0], f[8]), valid=f[1].strip() == "A")
    rec.latitude = coordinate(f[2], f[3], "NS", 90)
    rec.longitude = coordinate(f[4], f[5], "EW", 180)
    speed_course(rec, f[6], f[7], digits)
    return rec


def zero_filled(rec: Record) -> Record:
    """An empty speed or course read as 0 (Xexun, TLT-2H: their reference's reading)."""
    rec.speed = 0.0 if rec.speed is None else rec.speed
    rec.course = 0.0 if rec.course is None else rec.course
    return rec


def _need(f: list[str], n: int, what: str) -> None:
    if len(f) < n:
        raise TruncatedFrame(f"{what} sentence with {len(f)} fields, needs {n}")


def receiver_rmc(f: list[str], ctx: DecodeContext) -> Record:
    """An RMC sentence forwarded whole from the receiver (T55, Mictrack): a short one is
    truncated, its date a receiver_time, its speed to 3 decimals."""
    _need(f, 9, "RMC")
    rec = rmc(f, 3)
    rec.fix_time = receiver_time(rec.fix_time, ctx)
    return rec


def gga(f: list[str], ctx: DecodeContext) -> Record:
    """time, lat, N/S, lon, E/W, quality (0 no fix), satellites, HDOP, altitude, M, ..."""
    _need(f, 9, "GGA")
    rec = Record(fix_time=time_today(f[0], ctx), valid=f[5].strip() not in ("", "0"))
    rec.latitude = coordinate(f[1], f[2], "NS", 90)
    rec.longitude = coordinate(f[3], f[4], "EW", 180)
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
    rec.latitude = coordinate(f[1], f[2], "NS", 90)
    rec.longitude = coordinate(f[3], f[4], "EW", 180)
    speed_course(rec, f[7], f[8], 3)
    return rec


# The device side, for simulated devices.


def degrees_minutes(value: float, width: int, decimals: int = 4) -> str:
    """|value| as (d)ddmm.mmmm with ``width`` degree digits (2 for latitude, 3 for longitude)
    and ``decimals`` minute decimals; the hemisphere letter is the caller's. Minutes are
    rounded before they are split off, so 59.99999' is written as the next degree, never
    as 60.0000'."""
    total = round(abs(value) * 60, decimals)
    degrees = int(total // 60)
    return f"{degrees:0{width}d}{total - degrees * 60:0{decimals + 3}.{decimals}f}"


def coordinate_text(
    value: float, width: int, letters: str, sep: str = ",", decimals: int = 4
) -> str:
    """The writer of ``coordinate``: degrees_minutes, ``sep`` and the hemisphere letter
    (``letters`` "NS" or "EW", the second one for a negative value)."""
    return f"{degrees_minutes(value, width, decimals)}{sep}{letters[value < 0]}"


def position_text(lat: float, lon: float, sep: str = ",", decimals: int = 4) -> str:
    """Latitude and longitude as an RMC sentence writes them: ``ddmm.mmmm,N,dddmm.mmmm,E``
    (``sep`` between all four)."""
    north = coordinate_text(lat, 2, "NS", sep, decimals)
    return f"{north}{sep}{coordinate_text(lon, 3, 'EW', sep, decimals)}"


def checksummed(body: str) -> str:
    """``body*XX``: the sentence between ``$`` and ``*`` and its XOR checksum in hex."""
    return f"{body}*{xor8(body.encode('ascii')):02X}"


def sentence_line(body: str) -> bytes:
    """``$body*XX`` and CR LF, as a device sends a whole sentence."""
    return f"${checksummed(body)}\r\n".encode("ascii")
