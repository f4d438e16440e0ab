"""Decoders of the tagged data blocks of a GoSafe record (`TAG:v1;v2;...`), one function per
tag, chosen through the BLOCKS table (GS06/GS16/GS26/GS56 records) or LEGACY_BLOCKS (GS02).

Layouts as the real captures show them (no vendor document was found; see constants.py):
- SYS: model;firmware;hardware
- GPS: fix(A valid, V invalid, L last known);satellites;N|S lat;E|W lon;speed km/h;course;
  altitude m;HDOP;VDOP. Speed is km/h: a G79 capture (traccar GoSafeProtocolDecoderTest, records
  070034..070038 220815) moves ~7 m/s while reporting 29, which knots would make 15 m/s.
- GSM: two unnamed fields, then per cell mcc;mnc;lac hex;cell id hex;rssi dBm, serving first.
- COT: odometer (m: a G3SC batch grows 57 in 29 s at 0-16 km/h);engine hours (`h-m-s`; a bare
  number there has no evident unit and is not decoded).
- ADC: external power V;backup battery V;further analog inputs.
- DTT: device status hex;I/O state hex;geofence in;geofence out;event status hex;(unknown).
  Which bit is ignition is not settled by the captures, so the words are kept whole.
- IWD: repeated index;type;id[;value]: type 1 a temperature sensor (value in C), type 0 a
  driver id (no value).
- OBD: hex run of length-prefixed OBD-II responses (decoded by SAE J1979).
Blocks not listed (ETD, FUL, TAG, STT, GFS ...) have no settled layout and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record
from fleetwire.protocols.base import DecodeContext

from .constants import (
    OBD_COOLANT,
    OBD_ONE_BYTE,
    OBD_RESPONSE,
    OBD_RPM,
    OBD_VIN_PID,
    OBD_VIN_RESPONSE,
)
from .fields import at, clock, decimal, hexadecimal, integer, latitude, longitude

Block = Callable[[list[str], Record, DecodeContext], None]

_HMS = re.compile(r"(\d{1,6})-(\d{1,2})-(\d{1,2})")
_MAX_SENSORS = 100


def _put(attrs: Attributes, key: str, value: object) -> None:
    if value is not None and value != "":
        attrs[key] = value


def _position(rec: Record, lat_text: str, lon_text: str, speed: str, course: str) -> None:
    if not lat_text and not lon_text:
        return
    lat, lon = latitude(lat_text), longitude(lon_text)
    if not rec.valid and lat == 0 and lon == 0:
        return  # no fix yet: zeros, not a place
    kmh, deg = decimal(speed), decimal(course)
    if (kmh is not None and not 0 <= kmh < 1000) or (deg is not None and not 0 <= deg <= 360):
        raise InvalidField(f"speed {kmh} / course {deg} out of range")
    rec.latitude, rec.longitude, rec.speed, rec.course = lat, lon, kmh, deg


def _satellites(rec: Record, text: str) -> None:
    sats = integer(text)
    if sats is not None and not 0 <= sats < 100:
        raise InvalidField(f"{sats} satellites")
    rec.satellites = sats


def system(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    a = rec.attributes
    _put(a, "model", at(v, 0))
    _put(a, "versionFw", at(v, 1))
    _put(a, "versionHw", at(v, 2))


def gps(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    fix = at(v, 0)
    if fix not in ("A", "V", "L"):
        raise InvalidField(f"bad GPS fix flag {fix[:8]!r}")
    rec.valid = fix == "A"
    _satellites(rec, at(v, 1))
    _position(rec, at(v, 2), at(v, 3), at(v, 4), at(v, 5))
    rec.altitude = decimal(at(v, 6))
    _put(rec.attributes, "hdop", decimal(at(v, 7)))
    _put(rec.attributes, "vdop", decimal(at(v, 8)))


def gsm(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    if len(v) < 7:
        return
    a = rec.attributes
    _put(a, "mcc", integer(at(v, 2)))
    _put(a, "mnc", integer(at(v, 3)))
    _put(a, "lac", hexadecimal(at(v, 4)))
    _put(a, "cid", hexadecimal(at(v, 5)))
    _put(a, "rssi", integer(at(v, 6)))


def cot(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    _put(rec.attributes, "odometer", integer(at(v, 0)))
    m = _HMS.fullmatch(at(v, 1))
    if m is not None:
        h, mi, s = (int(x) for x in m.groups())
        rec.attributes["hours"] = ((h * 60 + mi) * 60 + s) * 1000


def adc(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    a = rec.attributes
    _put(a, "power", decimal(at(v, 0)))
    _put(a, "battery", decimal(at(v, 1)))
    for n, text in enumerate(v[2:], start=1):
        _put(a, f"adc{n}", decimal(text.strip()))


def dtt(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    a = rec.attributes
    _put(a, "status", hexadecimal(at(v, 0)))
    _put(a, "ioState", hexadecimal(at(v, 1)))
    for i, key in ((2, "geofenceIn"), (3, "geofenceOut")):
        if at(v, i).strip("0"):
            a[key] = at(v, i)
    _put(a, "eventStatus", hexadecimal(at(v, 4)))


def iwd(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    a = rec.attributes
    i = 0
    while i + 2 < len(v):
        index, kind = integer(at(v, i)), integer(at(v, i + 1))
        if index is None or not 0 <= index < _MAX_SENSORS:
            raise InvalidField(f"bad IWD index {at(v, i)[:8]!r}")
        if kind == 1:
            _put(a, f"temp{index + 1}", decimal(at(v, i + 3)))
            i += 4
        elif kind == 0:
            if at(v, i + 2).strip("0"):
                a["driverUniqueId"] = at(v, i + 2)
            i += 3
        else:
            return  # an unknown type: its width is unknown, so the rest cannot be read


def obd(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    text = at(v, 0)
    try:
        data = bytes.fromhex(text)
    except ValueError as e:
        raise InvalidField(f"OBD data is not hex: {text[:20]!r}") from e
    pos = 0
    while pos < len(data):
        n = data[pos]
        chunk = data[pos + 1 : pos + 1 + n]
        if len(chunk) < n:
            raise TruncatedFrame(f"OBD response of {n} bytes cut at {len(chunk)}")
        _obd_response(chunk, rec.attributes)
        pos += 1 + n


def _obd_response(r: bytes, a: Attributes) -> None:
    if len(r) >= 3 and r[0] == OBD_RESPONSE:
        pid, x = r[1], r[2]
        if pid in OBD_ONE_BYTE:
            key, scale = OBD_ONE_BYTE[pid]
            a[key] = round(x * scale, 2)
        elif pid == OBD_COOLANT:
            a["coolantTemp"] = x - 40
        elif pid == OBD_RPM and len(r) >= 4:
            a["rpm"] = (x * 256 + r[3]) / 4
    elif len(r) > 3 and r[0] == OBD_VIN_RESPONSE and r[1] == OBD_VIN_PID:
        vin = r[3:]
        if all(0x30 <= b <= 0x5A for b in vin):  # 0xFF fill: the car gave none
            a["vin"] = vin.decode("ascii")


# GS02 (older firmware): GPS:hhmmss;fix;lat;lon;speed;course[;hdop];DDMMYY, MGR:odometer m,
# ADC:index;value pairs. Fix is A/V or a fix dimension (2 = 2D, 3 = 3D). Index 0 read as
# external power and 2 as backup battery (11.2 V and 4.1 V in the one capture), others adc<N+1>.


def legacy_gps(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    if len(v) not in (7, 8):
        raise InvalidField(f"GS02 GPS block of {len(v)} values")
    rec.fix_time = clock(at(v, 0), at(v, len(v) - 1), ctx)
    fix = at(v, 1)
    if not (fix in ("A", "V") or (len(fix) == 1 and fix.isdigit())):
        raise InvalidField(f"bad GPS fix flag {fix[:8]!r}")
    rec.valid = fix == "A" or (fix.isdigit() and int(fix) >= 2)
    _position(rec, at(v, 2), at(v, 3), at(v, 4), at(v, 5))
    if len(v) == 8:
        _put(rec.attributes, "hdop", decimal(at(v, 6)))


def legacy_mgr(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    _put(rec.attributes, "odometer", integer(at(v, 0)))


def legacy_adc(v: list[str], rec: Record, ctx: DecodeContext) -> None:
    names = {0: "power", 2: "battery"}
    for i in range(0, len(v) - 1, 2):
        index = integer(at(v, i))
        if index is None or not 0 <= index < _MAX_SENSORS:
            raise InvalidField(f"bad ADC index {at(v, i)[:8]!r}")
        _put(rec.attributes, names.get(index, f"adc{index + 1}"), decimal(at(v, i + 1)))


BLOCKS: dict[str, Block] = {
    "SYS": system, "GPS": gps, "GSM": gsm, "COT": cot, "ADC": adc, "DTT": dtt, "IWD": iwd,
    "OBD": obd,
}  # fmt: skip
LEGACY_BLOCKS: dict[str, Block] = {"GPS": legacy_gps, "MGR": legacy_mgr, "ADC": legacy_adc}
