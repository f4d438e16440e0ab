"""WondeX frames to Records.

Report (VT10 / VT300 documents): 0 unit id, 1 YYYYMMDDhhmmss (GMT), 2 longitude, 3 latitude (signed
decimal degrees), 4 speed km/h, 5 heading, 6 altitude m, 7 satellites, 8 report id (the event),
then per firmware: VT300 9 mileage (km), 10 I/O status (an integer), 11/12 analog inputs (V); some
units put the battery as `3.90V` at 9; tails of other layouts (a Kazakh firmware's
`1325,125.4,10.5,0.0`) have no public meaning and are left alone. A satellite count over 99 (seen
from one firmware) is not a count and is left out. `$OK:`/`$ERR:` command answers are status
records carrying the answer as `result`; the binary heartbeat gives no record.
"""

from __future__ import annotations

import re
from datetime import datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import utc_datetime
from fleetwire.protocols.base import DecodeContext

from .constants import HEARTBEAT, REPORT_FIELDS
from .framing import heartbeat_unit, open_line

_TIME = re.compile(r"(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)")
_VOLTS = re.compile(r"(\d+(?:\.\d+)?)V")
_MAX_SATELLITES = 99


def _time(text: str) -> datetime:
    m = _TIME.fullmatch(text)
    if m is None:
        raise InvalidField(f"bad date-time {text!r}")
    return utc_datetime(m.groups(), text)


def _report(f: list[str]) -> Record:
    if len(f) < REPORT_FIELDS:
        raise InvalidField(f"WondeX report with {len(f)} fields")
    rec = Record(fix_time=_time(f[1]), valid=True)
    lon, lat = finite(f[2]), finite(f[3])
    if abs(lat) > 90 or abs(lon) > 180:
        raise InvalidField(f"position {lat}, {lon} out of range")
    rec.latitude, rec.longitude = lat, lon
    rec.speed, rec.course, rec.altitude = finite(f[4]), finite(f[5]), finite(f[6])
    if not (0 <= rec.speed < 1000 and 0 <= rec.course <= 360):
        raise InvalidField(f"speed {f[4]!r} or heading {f[5]!r} out of range")
    satellites = integer(f[7])
    if satellites <= _MAX_SATELLITES:
        rec.satellites = satellites
    a = rec.attributes
    a["event"] = integer(f[8])
    if len(f) > 9 and (volts := _VOLTS.fullmatch(f[9])):
        a["battery"] = float(volts[1])
    elif len(f) > 12 and f[10].isdigit():  # VT300: mileage km, I/O bits, analog inputs
        if f[9]:
            a["odometer"] = round(finite(f[9]) * 1000)
        a["input"] = int(f[10])
        for key, value in (("adc1", f[11]), ("adc2", f[12])):
            if value:
                a[key] = finite(value)
    return rec


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if frame[:1] == bytes((HEARTBEAT,)):
        heartbeat_unit(frame)  # whole, or the device's error
        return []
    line = open_line(frame)
    if line.startswith("$"):
        rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
        rec.attributes["result"] = line
        return [rec]
    return [_report(line.split(","))]
