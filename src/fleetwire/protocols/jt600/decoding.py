"""JT600 frames to Records: binary GPS records (short JT600 and long JT701 layouts) and one
small decoder per text message type, found through a table.

Owns the field layouts read from device captures (constants.py names them); unknown text types
decode to nothing. Knows nothing about replies to the device (inspect.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import ddmmyy_hhmmss, device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import (
    BINARY_START,
    FLAG_EAST,
    FLAG_NORTH,
    FLAG_VALID,
    LONG_MIN_RECORD,
    SHORT_RECORD,
)
from .framing import Text, open_binary, open_text

TextDecoder = Callable[[Text, DecodeContext], list[Record]]


def clock(ddmmyy: str, hhmmss: str, ctx: DecodeContext) -> datetime:
    return device_clock_to_utc(ddmmyy_hhmmss(ddmmyy, hhmmss), ctx)


def _degrees_minutes(digits: str, degree_digits: int, limit: int) -> float:
    """DDMMmmmm / DDDMMmmmm BCD digits (minutes with four decimals) to degrees."""
    degrees = int(digits[:degree_digits])
    minutes = int(digits[degree_digits:]) / 10000
    value = degrees + minutes / 60
    if minutes >= 60 or value > limit:
        raise InvalidField(f"coordinate {digits} out of range")
    return value


def gps_block(r: Reader, ctx: DecodeContext) -> Record:
    """Date, time (BCD DDMMYYhhmmss), latitude (BCD DDMMmmmm), longitude (BCD DDDMMmmmm) and
    the location flags nibble: 15 bytes (VT200 records carry the same block)."""
    when = bcd(r.bytes(6))
    lat_digits = bcd(r.bytes(4))
    lon_hex = r.bytes(5).hex()
    lon_digits, flags = lon_hex[:9], int(lon_hex[9], 16)
    if not lon_digits.isdigit():
        raise InvalidField(f"bad longitude {lon_hex}")
    lat = _degrees_minutes(lat_digits, 2, 90)
    lon = _degrees_minutes(lon_digits, 3, 180)
    return Record(
        fix_time=clock(when[:6], when[6:], ctx),
        valid=bool(flags & FLAG_VALID),
        latitude=lat if flags & FLAG_NORTH else -lat,
        longitude=lon if flags & FLAG_EAST else -lon,
    )


def _short_record(data: bytes, ctx: DecodeContext) -> Record:
    """27 bytes: the common part, speed (km/h), course (/2), satellites, then status, cell and
    sensor bytes whose layout the captures do not settle (kept in the raw log)."""
    r = Reader(data)
    rec = gps_block(r, ctx)
    rec.speed = float(r.u8())
    rec.course = float(r.u8() * 2 % 360)
    rec.satellites = r.u8()
    return rec


def _long_record(data: bytes, ctx: DecodeContext) -> Record:
    """JT701: the common part, speed (km/h), course (/2), odometer (4), satellites, then lock
    status, battery and sensor bytes."""
    r = Reader(data)
    rec = gps_block(r, ctx)
    rec.speed = float(r.u8())
    rec.course = float(r.u8() * 2 % 360)
    r.skip(4)  # a counter whose unit the captures do not settle
    rec.satellites = r.u8()
    return rec


def decode_binary(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_binary(frame)
    if env.long:
        if len(env.body) < LONG_MIN_RECORD:
            return []  # not a GPS record layout seen from devices
        return [_long_record(env.body, ctx)]
    if len(env.body) % SHORT_RECORD:
        return []
    records = []
    for i in range(0, len(env.body), SHORT_RECORD):
        rec = _short_record(env.body[i : i + SHORT_RECORD], ctx)
        if env.serial is not None:
            rec.attributes["index"] = env.serial
        records.append(rec)
    return records


def _field(f: list[str], i: int) -> str:
    if i >= len(f):
        raise TruncatedFrame(f"text message has {len(f)} fields, needs {i + 1}")
    return f[i].strip()


def _hemisphere(value: float, letter: str, plus: str, minus: str) -> float:
    if letter == plus:
        return value
    if letter == minus:
        return -value
    raise InvalidField(f"bad hemisphere {letter!r}")


def _decimal(text: str, limit: int) -> float:
    value = finite(text)
    if not 0 <= value <= limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return value


def _nmea(text: str, limit: int) -> float:
    """dddmm.mmmm"""
    value = finite(text)
    degrees = int(value // 100)
    minutes = value - degrees * 100
    result = degrees + minutes / 60
    if value < 0 or minutes >= 60 or result > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return result


def _number(text: str, what: str, limit: float) -> float:
    value = finite(text) if text else 0.0
    if not 0 <= value <= limit:
        raise InvalidField(f"{what} {text!r} out of range")
    return value


def _fix(f: list[str], i: int, ctx: DecodeContext, validity: str) -> Record:
    """date,time,<validity>,lat,N|S,lon,E|W,speed,course,satellites from f[i] on; ``validity``
    is the letter that means a valid fix."""
    _field(f, i + 9)
    lat = _hemisphere(_decimal(f[i + 3], 90), f[i + 4], "N", "S")
    lon = _hemisphere(_decimal(f[i + 5], 180), f[i + 6], "E", "W")
    return Record(
        fix_time=clock(f[i], f[i + 1], ctx),
        valid=f[i + 2] == validity,
        latitude=lat,
        longitude=lon,
        speed=_number(f[i + 7], "speed", 999),
        course=_number(f[i + 8], "course", 360) % 360,
        satellites=integer(f[i + 9]) if f[i + 9].isdigit() else None,
    )


def _battery(rec: Record, text: str) -> None:
    if text.endswith("%") and text[:-1].isdigit() and int(text[:-1]) <= 100:
        rec.attributes["batteryLevel"] = int(text[:-1])


def _u01(t: Text, ctx: DecodeContext) -> list[Record]:
    """U01 real-time, U02 alarm, U03 stored: `id,U0x,DDMMYY,HHMMSS,T|F,lat,N,lon,E,speed,course,
    satellites,battery%,status bits,...`."""
    f = [s.strip() for s in t.fields]
    rec = _fix(f, 2, ctx, "T")
    if len(f) > 12:
        _battery(rec, f[12])
    if len(f) > 13 and f[13] and set(f[13]) <= {"0", "1"}:
        rec.attributes["status"] = int(f[13], 2)
    return [rec]


def _u06(t: Text, ctx: DecodeContext) -> list[Record]:
    """U06 alarm report: the U01 fields behind an alarm code."""
    f = [s.strip() for s in t.fields]
    rec = _fix(f, 3, ctx, "T")
    rec.kind = RecordKind.EVENT
    rec.attributes["event"] = integer(_field(f, 2))
    if len(f) > 13:
        _battery(rec, f[13])
    return [rec]


def _w01(t: Text, ctx: DecodeContext) -> list[Record]:
    """W01 (JT600): `id,W01,lon dddmm.mmmm,E|W,lat ddmm.mmmm,N|S,A|V,DDMMYY,HHMMSS,speed,
    course,...`."""
    f = [s.strip() for s in t.fields]
    _field(f, 10)
    lon = _hemisphere(_nmea(f[2], 180), f[3], "E", "W")
    lat = _hemisphere(_nmea(f[4], 90), f[5], "N", "S")
    return [
        Record(
            fix_time=clock(f[7], f[8], ctx), valid=f[6] == "A", latitude=lat, longitude=lon,
            speed=_number(f[9], "speed", 999), course=_number(f[10], "course", 360) % 360,
        )
    ]  # fmt: skip


def _p45(t: Text, ctx: DecodeContext) -> list[Record]:
    """P45 (JT701 lock event): `id,P45,DDMMYY,HHMMSS,lat,N|S,lon,E|W,A|V,speed,course,...`."""
    f = [s.strip() for s in t.fields]
    _field(f, 10)
    lat = _hemisphere(_decimal(f[4], 90), f[5], "N", "S")
    lon = _hemisphere(_decimal(f[6], 180), f[7], "E", "W")
    rec = Record(
        fix_time=clock(f[2], f[3], ctx), kind=RecordKind.EVENT, valid=f[8] == "A",
        latitude=lat, longitude=lon,
        speed=_number(f[9], "speed", 999), course=_number(f[10], "course", 360) % 360,
    )  # fmt: skip
    rec.attributes["event"] = 45
    return [rec]


TEXT_DECODERS: dict[str, TextDecoder] = {
    "U01": _u01,
    "U02": _u01,
    "U03": _u01,
    "U06": _u06,
    "W01": _w01,
    "P45": _p45,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if frame[:1] == bytes((BINARY_START,)):
        return decode_binary(frame, ctx)
    t = open_text(frame)
    decoder = TEXT_DECODERS.get(t.type)
    return decoder(t, ctx) if decoder is not None else []
