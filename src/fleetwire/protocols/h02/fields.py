"""H02 field parsers shared by the text and binary decoders: clock, coordinates, speed, course,
and the negative-logic vehicle status.

Every parser raises InvalidField for a value out of range; empty fields mean "not sent" and
give None. Knows nothing about message layouts (decoding.py) or replies.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from fleetwire.errors import ConfigError, InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._time import ddmmyy_hhmmss
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .constants import (
    STATUS_ACC,
    STATUS_ALARMS,
    STATUS_ARMED,
    STATUS_CUT_OFF,
    STATUS_DOOR_OPEN,
)

_SIX = re.compile(r"\d{6}")
_HEX8 = re.compile(r"[0-9A-Fa-f]{8}")
# DDMM.MMMM (4 or 5 decimals, degrees of any width); -DD-M.MMMM (some old firmware);
# DDMMMMMM without the point (minutes x 10000).
_DEG_MIN = re.compile(r"(\d{0,3}?)(\d{1,2}\.\d+)")
_DASHED = re.compile(r"-(\d{1,3})-(\d{1,2}\.\d+)")
_NO_POINT = re.compile(r"(\d{0,3})(\d{2})(\d{4})")
_NUMBER = re.compile(r"\d+(\.\d*)?")
_LATITUDE = {"N": 1, "S": -1}
_LONGITUDE = {"E": 1, "W": -1}


def is_six_digits(text: str) -> bool:
    return _SIX.fullmatch(text) is not None


def clock(hhmmss: str, ddmmyy: str, ctx: DecodeContext) -> datetime:
    """UTC fix time (the documents' "standard time"); either part missing or a zero date: the
    receive time stands in (the device had no clock yet). ``timezone`` option: local firmware."""
    hhmmss, ddmmyy = hhmmss.strip(), ddmmyy.strip()
    if not hhmmss or not ddmmyy or ddmmyy == "000000":
        return ctx.received
    if not (is_six_digits(hhmmss) and is_six_digits(ddmmyy)):
        raise InvalidField(f"bad time {hhmmss!r} / date {ddmmyy!r}")
    t = ddmmyy_hhmmss(ddmmyy, hhmmss)
    return t - timedelta(hours=timezone_hours(ctx))


def timezone_hours(ctx: DecodeContext) -> float:
    tz = ctx.options.get("timezone", 0)
    if not isinstance(tz, int | float) or isinstance(tz, bool):
        raise ConfigError(f"timezone option must be hours, got {tz!r}")
    return float(tz)


def coordinate(value: str, hemisphere: str, limit: int) -> float | None:
    """Signed decimal degrees from a degrees+minutes field; None when the field is empty or
    the device sent zeros without a hemisphere (no fix)."""
    value, hemisphere = value.strip(), hemisphere.strip()
    if not value:
        return None
    m = _DEG_MIN.fullmatch(value) or _DASHED.fullmatch(value)
    if m is not None:
        degrees, minutes = int(m.group(1) or 0), float(m.group(2))
    else:
        m = _NO_POINT.fullmatch(value)
        if m is None:
            raise InvalidField(f"bad coordinate {value!r}")
        degrees = int(m.group(1) or 0)
        minutes = int(m.group(2)) + int(m.group(3)) / 10000
    sign = (_LATITUDE if limit == 90 else _LONGITUDE).get(hemisphere)
    if sign is None:
        if degrees == 0 and minutes == 0:
            return None
        raise InvalidField(f"bad hemisphere {hemisphere!r}")
    result = degrees + minutes / 60
    if minutes >= 60 or result > limit:
        raise InvalidField(f"coordinate {value!r} out of range")
    return sign * result


def number(text: str, what: str) -> float:
    """A non-negative decimal field; empty means 0 (the documents allow empty speed/course)."""
    text = text.strip()
    if not text:
        return 0.0
    if _NUMBER.fullmatch(text) is None:
        raise InvalidField(f"bad {what} {text!r}")
    return float(text)


def speed_kmh(knots: float) -> float:
    kmh = round(knots * KNOTS, 2)
    if kmh >= 1000:
        raise InvalidField(f"speed {knots} knots out of range")
    return kmh


def course(text: str) -> float:
    value = number(text, "course")
    if value > 360:
        raise InvalidField(f"course {value} out of range")
    return value


def status_value(text: str) -> int:
    text = text.strip()
    if _HEX8.fullmatch(text) is None:
        raise InvalidField(f"bad vehicle status {text!r}")
    return int(text, 16)


def apply_status(status: int, attrs: Attributes) -> None:
    """The negative-logic status word into the shared vocabulary (constants.STATUS_*)."""
    attrs["status"] = status
    attrs["ignition"] = bool(status >> STATUS_ACC & 1)
    attrs["armed"] = not status >> STATUS_ARMED & 1
    attrs["door"] = not status >> STATUS_DOOR_OPEN & 1
    attrs["blocked"] = not status >> STATUS_CUT_OFF & 1
    alarms: list[str] = []
    for bit, alarm in STATUS_ALARMS:
        if not status >> bit & 1 and alarm not in alarms:
            alarms.append(alarm)
    if alarms:
        attrs["alarm"] = ",".join(alarms)


def settle_kind(rec: Record) -> Record:
    """EVENT when an alarm is set; STATUS when there is no position; POSITION otherwise."""
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    elif not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec
