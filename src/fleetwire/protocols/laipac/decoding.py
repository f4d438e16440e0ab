"""Laipac sentences to Records.

`$AVRMC,<unit>,<hhmmss>,<status>,<ddmm.mmmm>,<N|S>,<dddmm.mmmm>,<E|W>,<knots>,<course>,
<ddmmyy>,<event>,<battery>,<?>,<?>,<?>,<?>[,<LAC hex 4><cell id hex 4>,<MCC><MNC>...]*XX`:
times are UTC; the battery is millivolts (`4076`) or, on older firmware, volts (`3.727`); the
cell pair appears on newer firmware (`0D7AB913`, `020408`: LAC 0x0D7A, cell 0xB913, MCC 204,
MNC 08, a leading 0 padding a two-digit MNC). A sentence with no fix at 0,0 (`V,0000.0000,N,
00000.0000,E`) is a status record without a position: its event and battery still count.
System information (`$AVSYS`, `$EAVSYS`) and keep-alives give no record. Knows nothing about
replies (inspect.py).
"""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._nmea import coordinate, date_time, speed_course
from fleetwire.protocols._text import finite
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, REPORT, VALID
from .framing import open_sentence

_FIELDS = 13  # type .. battery


def _battery(text: str) -> float | None:
    if not text:
        return None
    value = finite(text)
    return value if "." in text else value / 1000


def _cell(cell: str, network: str, a: Attributes) -> None:
    if len(cell) != 8 or len(network) != 6 or not network.isdigit():
        return
    try:
        lac, cid = int(cell[:4], 16), int(cell[4:], 16)
    except ValueError as e:
        raise InvalidField(f"bad cell {cell!r}") from e
    mcc, mnc = (network[1:4], network[4:]) if network[0] == "0" else (network[:3], network[3:])
    if lac or cid:
        a.update(mcc=int(mcc), mnc=int(mnc), lac=lac, cid=cid)


def _report(f: list[str]) -> Record:
    if len(f) < _FIELDS:
        raise InvalidField(f"$AVRMC with {len(f)} fields")
    status = f[3]
    if len(status) != 1 or status.upper() not in "ARPV":
        raise InvalidField(f"bad status {status!r}")
    rec = Record(fix_time=date_time(f[2], f[10]), valid=status.upper() in VALID)
    lat = coordinate(f[4], f[5], "NS", 90)
    lon = coordinate(f[6], f[7], "EW", 180)
    if lat or lon:
        rec.latitude, rec.longitude = lat, lon
        speed_course(rec, f[8], f[9], 2)
    else:
        rec.kind, rec.valid = RecordKind.STATUS, False
    a = rec.attributes
    event = f[11]
    a["event"] = event
    if event in ALARMS:
        a["alarm"] = ALARMS[event]
        rec.kind = RecordKind.EVENT
    if (battery := _battery(f[12])) is not None:
        a["battery"] = battery
    if len(f) >= 19:
        _cell(f[17], f[18], a)
    return rec


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = open_sentence(frame)
    return [_report(f)] if f[0] == REPORT else []
