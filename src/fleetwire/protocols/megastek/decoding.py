"""Megastek lines to Records, one function per layout; the layouts are read from captures (no
vendor document is public), so only fields whose meaning the captures make plain are decoded.

`$MGV002` (comma fields, counted from the imei as 1): 1 imei, 2 device name, 3 S|R, 4 ddmmyy,
5 hhmmss (UTC), 6 A|V, 7-10 ddmm.mmmmm N/S dddmm.mmmmm E/W, 12 satellites, 14 HDOP, 15 speed
(knots, RMC-derived), 16 course, 17 altitude m, 19-22 MCC, MNC, LAC hex, cell id hex, 23 signal,
24/25 inputs/outputs, 26-28 analog inputs, 29/30 temperatures, 32 charger (first digit) and seat
belt (second digit), 33 battery %, 34 alarm word, 35 Wi-Fi `mac:rssi|...`.
`STX,<id>,$GPRMC,...` (new): an RMC sentence, then F|L (not decoded), the alarm word,
`imei:<imei>`, satellites (`n` or `used/seen`), altitude, `Battery=<n>%`, ..., MCC, MNC, LAC,
cell id; `LOGSTX` is the same stored while out of coverage. `STX<id>   ..$GPRMC,...` (old):
the RMC sentence, MCC, MNC, LAC, cell id, signal, battery %, ..., the alarm word.
A report without coordinates (no fix yet: empty fields) gives no record, as in the reference
decoder; an `$MGV002` at exactly 0,0 (the unit's no-fix placeholder) is a status record without
a position, and an STX line at 0,0 gives none. Knows nothing about replies.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._nmea import coordinate, date_time, rmc, speed_course
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, MGV, RMC
from .framing import open_line

_BATTERY = re.compile(r"Battery=(\d{1,3})%")
_TWO_DIGITS = re.compile(r"\d\d")
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")


def _get(f: list[str], i: int) -> str:
    return f[i].strip() if i < len(f) else ""


def _alarm(word: str, rec: Record) -> None:
    if word:
        rec.attributes["event"] = word
    if word in ALARMS:
        rec.attributes["alarm"] = ALARMS[word]
        rec.kind = RecordKind.EVENT


def _cell(parts: list[str], a: Attributes) -> None:
    """MCC, MNC, LAC (hex), cell id (hex); missing parts set nothing."""
    mcc, mnc, lac, cid = (x.strip() for x in parts)
    if mcc and mnc and _HEX.fullmatch(lac) and _HEX.fullmatch(cid):
        a.update(mcc=integer(mcc), mnc=integer(mnc), lac=int(lac, 16), cid=int(cid, 16))


def _no_fix(rec: Record) -> bool:
    return rec.latitude == 0 and rec.longitude == 0


def _mgv(line: str) -> list[Record]:
    f = line.rstrip("!").rstrip(";").split(",")
    if len(f) < 35:
        raise InvalidField(f"$MGV002 with {len(f)} fields")
    if not (f[7] and f[9]):
        return []
    rec = Record(fix_time=date_time(f[5], f[4]), valid=f[6] == "A")
    rec.latitude = coordinate(f[7], f[8], "NS", 90)
    rec.longitude = coordinate(f[9], f[10], "EW", 180)
    if _no_fix(rec):
        rec.latitude = rec.longitude = None
        rec.kind, rec.valid = RecordKind.STATUS, False
    else:
        speed_course(rec, f[15], f[16], 2)
    a = rec.attributes
    if f[12]:
        rec.satellites = integer(f[12])
    if f[14]:
        a["hdop"] = finite(f[14])
    if f[17]:
        rec.altitude = finite(f[17])
    _cell(f[19:23], a)
    if f[23]:
        a["rssi"] = integer(f[23])
    for i, key in ((26, "adc1"), (27, "adc2"), (28, "adc3"), (29, "temp1"), (30, "temp2")):
        if value := f[i].strip():
            a[key] = finite(value)
    if _TWO_DIGITS.fullmatch(f[32]):
        a["charge"] = f[32][0] == "1"
        a["belt"] = int(f[32][1])
    if f[33].isdecimal():
        a["batteryLevel"] = int(f[33])
    _alarm(f[34], rec)
    return [rec]


def _rmc_part(line: str) -> tuple[Record | None, list[str]]:
    """The RMC record (None without coordinates, or at 0,0) and the fields after the RMC
    sentence."""
    f = line.partition(RMC)[2].split(",")
    if len(f) > 5 and not (f[2] and f[4]):
        return None, f[12:]
    rec = rmc(f, 2)
    return (None if _no_fix(rec) else rec), f[12:]


def _stx_new(line: str) -> list[Record]:
    rec, extra = _rmc_part(line.split(";")[0])
    if rec is None:
        return []
    a = rec.attributes
    _alarm(_get(extra, 1), rec)
    sats = _get(extra, 3).split("/")[0]
    if sats.isdecimal():
        rec.satellites = int(sats)
    if altitude := _get(extra, 4):
        rec.altitude = finite(altitude)
    if m := _BATTERY.fullmatch(_get(extra, 5)):
        a["batteryLevel"] = int(m[1])
    if len(extra) >= 4:
        _cell(extra[-4:], a)
    return [rec]


def _stx_old(line: str) -> list[Record]:
    body = line.rsplit(";", 1)[0] if ";" in line else line
    rec, extra = _rmc_part(body)
    if rec is None:
        return []
    if len(extra) >= 4:
        _cell(extra[:4], rec.attributes)
    rssi = _get(extra, 4)  # the stripped text is the one read: str.strip() drops more than int()
    if rssi.isdecimal():
        rec.attributes["rssi"] = int(rssi)
    if extra:
        _alarm(extra[-1].strip(), rec)
    return [rec]


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    line = open_line(frame).decode("latin-1")
    if line.startswith(MGV + ","):
        return _mgv(line)
    if RMC not in line:
        return []  # an A-GPS request or another line without a report
    if line.startswith(("STX,", "LOGSTX,")):
        return _stx_new(line)
    return _stx_old(line)
