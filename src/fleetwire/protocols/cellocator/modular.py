"""Cellocator Type 11 (modular, extended) messages to a Record.

After the 13-byte header come the 16-bit length, four reserved bytes and then modules, each a
type byte, a uint16 LE length and that many bytes. The modules read here (layouts learnt from
the public captures in traccar CellocatorProtocolDecoderTest, whose module boundaries they
line up with): 6 GPS (HDOP, modes, satellites, coordinates in 1e-8 rad, altitude in cm, speed,
course in 1e-3 rad, as in Type 0), 7 time (valid flag, then second, minute, hour, day, month,
year - 2000) and 2 programmable-logic values (operator id, signature, count, then id, size,
uint32 value each). Other modules are stepped over by their length.
"""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .constants import MODULAR_HEADER_SIZE

_RESERVED: Final = 4
_MODULE_HEAD: Final = struct.Struct("<BH")
_GPS: Final = struct.Struct("<BBBBiiiBH")  # hdop, mode 1, mode 2, satellites, lon, lat, alt, ...
_TIME: Final = struct.Struct("<BBBBBBB")  # valid, second, minute, hour, day, month, year
_PL_HEAD: Final = struct.Struct("<HIB")  # operator id, PL signature, count
_PL_ITEM: Final = struct.Struct("<HBI")  # id, size, value
_GPS_MODULE: Final = 6
_TIME_MODULE: Final = 7
_PL_MODULE: Final = 2
_FIX_BIT: Final = 0x02  # mode 2, as in Type 0
_CM_PER_S_TO_KMH: Final = 0.036
_YEAR_BASE: Final = 2000


def _gps(data: Reader, record: Record, a: dict[str, Any]) -> None:
    hdop, _mode1, mode2, sats, lon, lat, alt, speed, course = data.unpack(_GPS)
    record.satellites = sats
    a["hdop"] = hdop / 10
    a["sat"] = sats
    if lat == 0 and lon == 0:
        return
    latitude, longitude = math.degrees(lat * 1e-8), math.degrees(lon * 1e-8)
    heading = math.degrees(course * 1e-3)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and heading <= 360.5):
        raise InvalidField(f"position out of range: {latitude} {longitude} course {heading}")
    record.latitude, record.longitude = round(latitude, 7), round(longitude, 7)
    record.altitude = alt / 100
    record.speed = round(speed * _CM_PER_S_TO_KMH, 2)
    record.course = round(min(heading, 360.0), 2)
    record.valid = bool(mode2 & _FIX_BIT)


def _time(data: Reader) -> datetime:
    _valid, second, minute, hour, day, month, year = data.unpack(_TIME)
    try:
        return datetime(_YEAR_BASE + year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"module time {year}-{month}-{day} {hour}:{minute}:{second}") from e


def _programmable(data: Reader, a: dict[str, Any]) -> None:
    _operator, _signature, count = data.unpack(_PL_HEAD)
    for ident, _size, value in data.repeated(_PL_ITEM, count):
        a[f"io{ident}"] = value


def decode_modular(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """One record of every module this package reads; no fix without a GPS module and time."""
    r = Reader(frame, MODULAR_HEADER_SIZE + _RESERVED, len(frame) - 1)
    record = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    a = record.attributes
    fix_time = None
    while r.remaining >= _MODULE_HEAD.size:
        kind, length = r.unpack(_MODULE_HEAD)
        start = r.pos
        data = Reader(r.bytes(length))
        if kind == _GPS_MODULE and length >= _GPS.size:
            _gps(data, record, a)
        elif kind == _TIME_MODULE and length >= _TIME.size:
            fix_time = _time(data)
        elif kind == _PL_MODULE:
            _programmable(data, a)
        r.pos = start + length
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the last module")
    if fix_time is not None:
        record.fix_time = fix_time
        if record.has_position:
            record.kind = RecordKind.POSITION
    elif record.has_position:  # coordinates without a time: not a fix this package can date
        record.latitude = record.longitude = record.altitude = None
        record.speed = record.course = None
        record.valid = False
    return [record]
