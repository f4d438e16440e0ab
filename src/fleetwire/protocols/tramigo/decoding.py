"""Tramigo frames to Records: the 0x80 frame's report text, read as the T23 user manual writes
its SMS reports.

`<unit name>: <what happened>, ..., <latitude>, <longitude>[, <compass> with speed <n> km/h],
<hh:mm[:ss]> <Mon> <day> EOF`: the last two signed decimals before the time are the position.
The time is the header's (UTC): the text's own time of day is the unit's local clock (one hour
ahead of the header in Nigerian captures, equal to it in Malaysian and Spanish ones) and has no
year. "Ignition on/off detected" sets ignition; a status report's
"battery: <n>%" the battery level. Text without a position (a ping) gives no record, and so
does a ping. The text's language follows the unit's setting: only the numbers are relied on.
0x04 binary reports are read by binary.py.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from . import binary
from .constants import BINARY, COMPASS, TEXT
from .framing import open_frame

_POSITION = re.compile(r", (-?\d{1,2}\.\d+), (-?\d{1,3}\.\d+),")
_SPEED = re.compile(r", ([NSEW]{1,2}) with speed (\d{1,4}) km/h,")
_BATTERY = re.compile(r"battery: (\d{1,3})%")
_IGNITION = re.compile(r"Ignition (on|off) detected")


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = open_frame(frame)
    if f.kind == BINARY:
        return binary.decode(frame, ctx)
    if f.kind != TEXT:
        return []
    text = f.body.decode("latin-1")
    m = _POSITION.search(text)
    if m is None:
        return []
    lat, lon = float(m[1]), float(m[2])
    if abs(lat) > 90 or abs(lon) > 180:
        raise InvalidField(f"position {lat}, {lon} out of range")
    rec = Record(fix_time=datetime.fromtimestamp(f.time, UTC), kind=RecordKind.POSITION, valid=True,
                 latitude=lat, longitude=lon)  # fmt: skip
    if s := _SPEED.search(text):
        rec.speed = float(s[2])
        rec.course = COMPASS.get(s[1])
    elif ": Stopped" in text or ": Parked" in text:
        rec.speed = 0.0
    a = rec.attributes
    if ign := _IGNITION.search(text):
        a["ignition"] = ign[1] == "on"
    if bat := _BATTERY.search(text):
        a["batteryLevel"] = int(bat[1])
    a["event"] = text.split(":", 1)[1].split(",", 1)[0].strip() if ":" in text else ""
    return [rec]
