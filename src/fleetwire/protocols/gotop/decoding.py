"""GoTop messages to Records: every type with a fix block (CMD-T, CMD-F, ALM-*) gives one record;
the keep-alive CMD-X gives none. Field layout: constants.py."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import finite
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARM_PREFIX, KEEPALIVE
from .framing import open_message

_COORD = re.compile(r"(\d+\.\d+)([NSEW])")
_CELL = re.compile(r"(\d{3})(\d{2,3})-([0-9A-Fa-f]{1,8})-([0-9A-Fa-f]{1,8})")
_SIGNS = {"N": 1, "S": -1, "E": 1, "W": -1}


def _label(field: str, *labels: str) -> str:
    for label in labels:
        if field.startswith(label + ":"):
            return field[len(label) + 1 :]
    raise InvalidField(f"expected {'/'.join(labels)}: got {field[:20]!r}")


def _coordinate(text: str, limit: float, hemispheres: str) -> float:
    m = _COORD.fullmatch(text)
    if m is None or m.group(2) not in hemispheres:
        raise InvalidField(f"bad coordinate {text!r}")
    value = float(m.group(1))
    if value > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return _SIGNS[m.group(2)] * value


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = open_message(frame)
    if len(f) < 2 or f[1] == KEEPALIVE:
        return []
    if len(f) < 8:
        raise TruncatedFrame(f"GoTop message with {len(f)} fields")
    date, clock = _label(f[3], "DATE"), _label(f[4], "TIME")
    try:
        t = datetime.strptime(date + clock, "%y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {date!r} {clock!r}") from e
    rec = Record(fix_time=device_clock_to_utc(t, ctx), valid=f[2] == "A")
    rec.latitude = _coordinate(_label(f[5], "LAT"), 90, "NS")
    rec.longitude = _coordinate(_label(f[6], "LOT", "LON"), 180, "EW")
    rec.speed = finite(_label(f[7], "Speed"))
    a = rec.attributes
    status = f[8].split("-") if len(f) > 8 else []
    if len(status) >= 2 and status[-1].isdigit() and status[-2].isdigit():
        a["batteryLevel"], a["rssi"] = int(status[-2]), int(status[-1])
    cell = _CELL.fullmatch(f[10]) if len(f) > 10 else None
    if cell is not None:
        mcc, mnc, lac, cid = cell.groups()
        a.update(mcc=int(mcc), mnc=int(mnc), lac=int(lac, 16), cid=int(cid, 16))
    if f[1].startswith(ALARM_PREFIX):
        a["event"] = f[1]
        a["alarm"] = "general"  # the alarm codes' meanings are not published
        rec.kind = RecordKind.EVENT
    return [rec]
