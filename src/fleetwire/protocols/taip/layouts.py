"""The fixed-width data of each TAIP position message, read into a Record.

Trimble's appendix: PV `AAAAA BBBCCCCC DDDDEEEEE FFF GGG H I` (GPS time of day s, latitude
±dd.ddddd, longitude ±ddd.ddddd, speed mph, heading, fix source, data age); CP the same
position to four decimals, no speed; LN (Cypress CTM-200 page) time with milliseconds,
coordinates to seven decimals, altitude in feet, speed mph, heading, satellites. Syrus EV
(event code, GPS week, day of week, seconds, then PV's position, speed, heading, source and
age) dates itself by the GPS week. The dated layouts of Argentine firmwares (GP, and with a
two-digit event code CV, CQ, BR, US) open with ddmmyy hhmmss, then the position as PV's or
in degrees and minutes (`-3852.9306`), speed mph and heading; what follows differs per
firmware and is not decoded, except US's comma fields (power and battery volts, temperature)
read from captures. TAIP times are GPS time; like every decoder in use we store them as they
are (the 18 s leap-second offset is not removed). Times of day without a date take the date
of the latest such time before the receive time. Knows nothing about the sentence envelope.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import FOOT, MPH

Layout = Callable[[str, DecodeContext], Record]

_GPS_EPOCH = datetime(1980, 1, 6, tzinfo=UTC)
_DAY = 86400
_CLOCK_AHEAD = timedelta(minutes=10)
# fix source (PV, EV, CP, LN): 0 2D, 1 3D, 2 2D differential, 3 3D differential, 6 dead
# reckoning, 8 degraded dead reckoning, 9 unknown (Trimble's table): only GPS fixes are valid
_GPS_FIX = frozenset("0123")

_PV = re.compile(r"(\d{5})([+-]\d{7})([+-]\d{8})(\d{3})(\d{3})(\d)(\d)")
_CP = re.compile(r"(\d{5})([+-]\d{6})([+-]\d{7})(\d)(\d)")
_LN = re.compile(
    r"(\d{8})([+-]\d{9})([+-]\d{10})([+-]\d{8})(\d{4})([+-]\d{4})(\d{4})(\d\d)((?:\d{4})*)"
    r"\d{10}(\d)(\d)"
)
_EV = re.compile(r"(\d\d)(\d{4})(\d)(\d{5})([+-]\d{7})([+-]\d{8})(\d{3})(\d{3})(\d)(\d)")
_DEGREES = r"[+-]\d{7}|[+-]\d{4}\.\d{4}", r"[+-]\d{8}|[+-]\d{5}\.\d{4}"
_DATED = re.compile(
    rf"(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)({_DEGREES[0]})({_DEGREES[1]})(\d{{3}})(\d{{3}})"
)
_VOLTS = re.compile(r"(\d{4})(\d{4})")
_TEMP = re.compile(r"[+-]\d{1,3}\.\d")


def _match(pattern: re.Pattern[str], data: str, name: str) -> re.Match[str]:
    m = pattern.match(data)
    if m is None:
        raise InvalidField(f"bad TAIP {name} data {data[:40]!r}")
    return m


def _scaled(text: str, decimals: int, limit: int) -> float:
    value = int(text) / 10.0**decimals
    if abs(value) > limit:
        raise InvalidField(f"coordinate {text} out of range")
    return value


def _degrees_minutes(text: str, limit: int) -> float:
    """`-3852.9306`: sign, degrees, minutes with four decimals."""
    whole, minutes = divmod(float(text[1:]), 100)
    if minutes >= 60 or whole > limit:
        raise InvalidField(f"coordinate {text} out of range")
    value = whole + minutes / 60
    return -value if text[0] == "-" else value


def _coordinate(text: str, limit: int) -> float:
    return _degrees_minutes(text, limit) if "." in text else _scaled(text, 5, limit)


def _near(seconds: float, ctx: DecodeContext) -> datetime:
    """A time of day, dated so that it is the latest such time before the receive time (a
    report is sent after its fix; a unit replaying its buffer sends older ones), allowing the
    unit's clock a few minutes ahead of ours."""
    if seconds >= _DAY:
        raise InvalidField(f"time of day {seconds} s")
    latest = ctx.received.astimezone(UTC) + _CLOCK_AHEAD
    day = latest.replace(hour=0, minute=0, second=0, microsecond=0)
    time = day + timedelta(seconds=seconds)
    return time if time <= latest else time - timedelta(days=1)


def _fix(rec: Record, speed_mph: float | None, heading: float, source: str) -> Record:
    if speed_mph is not None:
        rec.speed = round(speed_mph * MPH, 2)
    if heading > 360:
        raise InvalidField(f"heading {heading} out of range")
    rec.course = heading
    rec.valid = source in _GPS_FIX
    return rec


def position_velocity(data: str, ctx: DecodeContext) -> Record:
    m = _match(_PV, data, "PV")
    rec = Record(fix_time=_near(int(m[1]), ctx), latitude=_scaled(m[2], 5, 90),
                 longitude=_scaled(m[3], 5, 180))  # fmt: skip
    return _fix(rec, int(m[4]), int(m[5]), m[6])


def compact_position(data: str, ctx: DecodeContext) -> Record:
    m = _match(_CP, data, "CP")
    return Record(fix_time=_near(int(m[1]), ctx), latitude=_scaled(m[2], 4, 90),
                  longitude=_scaled(m[3], 4, 180), valid=m[4] in _GPS_FIX)  # fmt: skip


def long_navigation(data: str, ctx: DecodeContext) -> Record:
    m = _match(_LN, data, "LN")
    if len(m[9]) != 4 * int(m[8]):
        raise InvalidField(f"LN lists {len(m[9]) // 4} satellites, says {m[8]}")
    rec = Record(fix_time=_near(int(m[1]) / 1000, ctx), latitude=_scaled(m[2], 7, 90),
                 longitude=_scaled(m[3], 7, 180), altitude=round(int(m[4]) / 100 * FOOT, 2),
                 satellites=int(m[8]))  # fmt: skip
    return _fix(rec, int(m[5]) / 10, int(m[7]) / 10, m[10])


def event(data: str, ctx: DecodeContext) -> Record:
    m = _match(_EV, data, "EV")
    day, seconds = int(m[3]), int(m[4])
    if day > 6 or seconds >= _DAY:
        raise InvalidField(f"bad EV time: day {day}, {seconds} s")
    time = _GPS_EPOCH + timedelta(weeks=int(m[2]), days=day, seconds=seconds)
    rec = Record(fix_time=time, kind=RecordKind.POSITION, latitude=_scaled(m[5], 5, 90),
                 longitude=_scaled(m[6], 5, 180))  # fmt: skip
    rec.attributes["event"] = int(m[1])
    return _fix(rec, int(m[7]), int(m[8]), m[9])


def _dated(data: str, ctx: DecodeContext, name: str) -> tuple[Record, re.Match[str]]:
    m = _match(_DATED, data, name)
    dd, mo, yy, hh, mi, ss = (int(m[i]) for i in range(1, 7))
    if dd == mo == yy == 0:
        time = ctx.received  # no date yet (a unit without its first fix says 000000)
    else:
        try:
            time = datetime(2000 + yy, mo, dd, hh, mi, ss, tzinfo=UTC)
        except ValueError as e:
            raise InvalidField(f"bad date {data[:12]!r}") from e
    rec = Record(fix_time=time, latitude=_coordinate(m[7], 90), longitude=_coordinate(m[8], 180),
                 valid=True)  # fmt: skip
    return _fix(rec, int(m[9]), int(m[10]), "0"), m


def dated(data: str, ctx: DecodeContext) -> Record:
    """GP: the dated layout from the first character."""
    return _dated(data, ctx, "dated")[0]


def dated_event(data: str, ctx: DecodeContext) -> Record:
    """CV / CQ / BR: a two-digit event code, then the dated layout."""
    if not data[:2].isdigit():
        raise InvalidField(f"bad event code {data[:2]!r}")
    rec = _dated(data[2:], ctx, "dated event")[0]
    rec.attributes["event"] = int(data[:2])
    return rec


def dated_status(data: str, ctx: DecodeContext) -> Record:
    """US: `<event>,<dated layout>,<inputs?>,<outputs?>,<power+battery>,<?>,<temperature>,...`.
    The power and battery pair (`11440419`: 11.44 V, 4.19 V) and the signed temperature are
    read from captures; the other fields have no public meaning and are left alone."""
    fields = data.split(",")
    if len(fields) < 2 or not fields[0].isdigit():
        raise InvalidField(f"bad US data {data[:20]!r}")
    rec = _dated(fields[1], ctx, "US")[0]
    rec.attributes["event"] = int(fields[0])
    if len(fields) > 4 and (v := _VOLTS.fullmatch(fields[4])):
        rec.attributes["power"] = int(v[1]) / 100
        rec.attributes["battery"] = int(v[2]) / 100
    if len(fields) > 6 and _TEMP.fullmatch(fields[6]):
        rec.attributes["temp1"] = float(fields[6])
    return rec


LAYOUTS: dict[str, Layout] = {
    "PV": position_velocity,
    "CP": compact_position,
    "LN": long_navigation,
    "EV": event,
    "GP": dated,
    "CV": dated_event,
    "CQ": dated_event,
    "BR": dated_event,
    "US": dated_status,
}
