"""TRV messages to Records: locations (AP01, AP10 alarm, YP03, YP14: the fix block, the status
digits, the serving cell), cell/WiFi lists (AP02), heartbeats with status and steps (AP03, CP01),
heart rate (AP49), blood pressure (APHT), health (APHP), temperature (AP50). Logins and answers
to the platform's commands carry no record. Knows nothing about replies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._nmea import coordinate
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import (
    ALARM_LOCATION,
    ALARM_TYPES,
    CELLS,
    HEALTH,
    HEART_RATE,
    HEARTBEAT,
    LOCATIONS,
    PRESSURE,
    TEMPERATURE,
)
from .framing import Message, open_message

# yyMMdd, A|V, ddmm.mmmm N|S, dddmm.mmmm E|W, speed (km/h, 5), HHmmss, course (6), status digits
_FIX = re.compile(
    r"(\d{6})([AV])(\d{4}\.\d{4})([NS])(\d{5}\.\d{4})([EW])(\d{3}\.\d)(\d{6})(\d{1,3}\.\d{2})"
    r"(\d*)"
)
_STATUS_DIGITS = 9  # GSM signal, satellites, battery %: three digits each


def _status(digits: str, a: Attributes) -> None:
    """The status digits every report carries: GSM signal (0-100), GPS satellites, battery %
    (the rest, fortification and working mode, differs between firmware)."""
    if len(digits) < _STATUS_DIGITS or not digits.isdigit():
        return
    a["rssi"], a["sat"], a["batteryLevel"] = int(digits[:3]), int(digits[3:6]), int(digits[6:9])


def _cell(parts: list[str], a: Attributes) -> None:
    if len(parts) >= 4 and all(p.strip().isdigit() for p in parts[:4]):
        mcc, mnc, lac, cid = (int(p) for p in parts[:4])
        if mcc or lac or cid:
            a.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _location(m: Message, ctx: DecodeContext) -> list[Record]:
    fields = m.content.split(",")
    fix = _FIX.fullmatch(fields[0])
    if fix is None:
        raise InvalidField(f"bad location block {fields[0][:40]!r}")
    date, valid, lat, ns, lon, ew, speed, clock, course, status = fix.groups()
    try:
        t = datetime.strptime(date + clock, "%y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {date!r} {clock!r}") from e
    rec = Record(fix_time=device_clock_to_utc(t, ctx), valid=valid == "A")
    rec.latitude, rec.longitude = coordinate(lat, ns, "NS", 90), coordinate(lon, ew, "EW", 180)
    rec.speed, rec.course = float(speed), float(course)
    if rec.course > 360:
        raise InvalidField(f"course {course!r} out of range")
    a = rec.attributes
    _status(status, a)
    _cell(fields[1:5], a)
    if m.type == ALARM_LOCATION and len(fields) > 5:
        alarm = ALARM_TYPES.get(fields[5].strip())
        if alarm is not None:
            a["alarm"] = alarm
            rec.kind = RecordKind.EVENT
    return [rec]


def _status_record(ctx: DecodeContext) -> Record:
    return Record(fix_time=ctx.received, kind=RecordKind.STATUS)


def _cells(m: Message, ctx: DecodeContext) -> list[Record]:
    """`,<language>,<reply>,<cell count>,<mcc>,<mnc>,<lac>|<cid>|<rssi>,...,<wifi count>,..."""
    f = m.fields
    if len(f) < 6:
        raise TruncatedFrame(f"AP02 with {len(f)} fields")
    rec = _status_record(ctx)
    first = f[5].split("|")
    if len(first) >= 2:
        _cell([f[3], f[4], first[0], first[1]], rec.attributes)
    return [rec]


def _heartbeat(m: Message, ctx: DecodeContext) -> list[Record]:
    """`,<status digits>[,<steps>,<rolls>]`."""
    f = m.fields
    rec = _status_record(ctx)
    _status(f[0], rec.attributes)
    if len(f) > 1 and f[1].strip():
        rec.attributes["steps"] = integer(f[1].strip())
    return [rec]


def _numbers(keys: tuple[str, ...]) -> Callable[[Message, DecodeContext], list[Record]]:
    """A message of plain numbers in ``keys`` order (an empty field is not sent)."""

    def decode(m: Message, ctx: DecodeContext) -> list[Record]:
        rec = _status_record(ctx)
        for key, value in zip(keys, m.fields, strict=False):
            if value.strip():
                number = finite(value.strip())
                rec.attributes[key] = int(number) if number.is_integer() else number
        if not rec.attributes:
            raise TruncatedFrame(f"{m.kind}{m.type} without values")
        return [rec]

    return decode


def _none(m: Message, ctx: DecodeContext) -> list[Record]:
    return []


Decoder = Callable[[Message, DecodeContext], list[Record]]
_HEALTH_KEYS = (
    "heartRate", "pressureSystolic", "pressureDiastolic", "bloodOxygen", "bloodSugar",
    "temperature",
)  # fmt: skip
# messages whose content is comma-separated fields (locations have none: see decoder_for)
DECODERS: dict[str, Decoder] = {
    CELLS: _cells,
    HEARTBEAT: _heartbeat,
    HEART_RATE: _numbers(("heartRate",)),
    PRESSURE: _numbers(("heartRate", "pressureSystolic", "pressureDiastolic")),
    HEALTH: _numbers(_HEALTH_KEYS),
    TEMPERATURE: _numbers(("temperature", "batteryLevel")),
}


def decoder_for(m: Message) -> Decoder:
    if m.kind == "CP" and m.type == "01":  # the TRV units' heartbeat
        return _heartbeat
    if not m.content.startswith(","):  # a fix block right after the type, or AP00<IMEI>
        return _location if m.type in LOCATIONS else _none
    return DECODERS.get(m.type, _none)


def carries_records(m: Message) -> bool:
    return decoder_for(m) is not _none


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    m = open_message(frame)
    return decoder_for(m)(m, ctx)
