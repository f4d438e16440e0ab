"""Mobilogix messages to Records.

`[<time>,T<n>,<1 live | 0 stored>,<firmware>,<unit>,<status hex>,<battery V>` then, in
location messages, `<satellites><signal 0-5><fix 0|1+>,<lat>,<lon>,<speed km/h>,<course>` and
on newer firmware more fields (not decoded: no public meaning). The time is the unit's UTC
clock. A message with the status and battery but no position (T14 heartbeat) is a status
record; login (T1) and the other short messages (T8's `3596`, T16's `1`) give none. Every record
carries its message type as `type`; T8-T15 are alarms. Knows nothing about replies.
"""

from __future__ import annotations

import re
from datetime import datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import finite
from fleetwire.protocols._time import utc_datetime
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, CHARGING, IGNITION, MOVING, RELAY_RELEASED
from .framing import open_message

_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)")
_TYPE = re.compile(r"T\d{1,3}")
_STATUS = re.compile(r"[0-9A-Fa-f]{2}")
_BATTERY = re.compile(r"\d{1,2}\.\d{1,3}")
_GPS = re.compile(r"(\d)(\d)(\d)")


def message_time(text: str) -> datetime:
    m = _TIME.fullmatch(text)
    if m is None:
        raise InvalidField(f"bad Mobilogix time {text[:24]!r}")
    return utc_datetime(m.groups(), text)


def _position(f: list[str], rec: Record) -> None:
    gps = _GPS.fullmatch(f[7])
    if gps is None:
        raise InvalidField(f"bad GPS field {f[7]!r}")
    rec.satellites = int(gps[1])
    rec.attributes["rssi"] = int(gps[2])
    lat, lon = finite(f[8]), finite(f[9])
    speed, course = finite(f[10]), finite(f[11])
    if abs(lat) > 90 or abs(lon) > 180 or not (0 <= speed < 1000 and 0 <= course <= 360):
        raise InvalidField(f"position {f[8:12]} out of range")
    rec.kind = RecordKind.POSITION
    rec.valid = gps[3] != "0"
    rec.latitude, rec.longitude, rec.speed, rec.course = lat, lon, speed, course


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = open_message(frame)
    time = message_time(f[0])
    if len(f) < 7 or _TYPE.fullmatch(f[1]) is None:
        return []
    if _STATUS.fullmatch(f[5]) is None or _BATTERY.fullmatch(f[6]) is None:
        return []  # login, and short messages without the status pair
    rec = Record(fix_time=time, kind=RecordKind.STATUS)
    a = rec.attributes
    a["type"] = f[1]
    if f[2] == "0":
        a["archive"] = True
    status = int(f[5], 16)
    a["status"] = status
    a["blocked"] = not status & RELAY_RELEASED
    a["charge"] = bool(status & CHARGING)
    a["ignition"] = bool(status & IGNITION)
    a["motion"] = bool(status & MOVING)
    a["battery"] = float(f[6])
    if len(f) >= 12:
        _position(f, rec)
    if f[1] in ALARMS:
        a["alarm"] = ALARMS[f[1]]
        rec.kind = RecordKind.EVENT
    return [rec]
