"""Navis NTCB records (the bodies of `*>T` and `*>A`): one format byte, then fields whose
presence depends on the format (constants.RECORD_SIZES).

Layouts, per format (facts of traccar/traccar NavisProtocolDecoder.java, checked against the
test's real records): index u32, event u16, event time (hh mm ss dd mm yy, month from 0), armed
state, status, GSM level; outputs (F10-F30 u16; F40/F60 u8, 4 outputs; F50-F52 u8: 2 outputs,
satellites above), inputs (F10-F40 u16, F50-F60 u8), main and backup voltage (mV); F10-F30 a
temperature (i16); analogue inputs; two pulse counters; F60 fuel sensors (stepped over), four
temperatures, axle weight and rpm; then the navigation block (F20, F50-F60): state (bit 1
valid, F60: satellites above bit 1), fix time, latitude/longitude (F60: I32 in 1/10000 minute
plus altitude in dm; others: float radians), speed (float km/h), course, odometer and trip
distance (float km) and two segment times; F51/F52 15 bytes of other sensors (stepped over);
F40/F52 four temperatures (i8). All integers little-endian.
"""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind

from .constants import F10, F20, F30, F40, F50, F51, F52, F60, RECORD_SIZES

_F32: Final = struct.Struct("<f")
_MINUTES: Final = 600000.0  # 1/10000 minute per unit
_NO_SENSOR: Final = -128  # an i8 temperature of 0x80: no sensor on that input
_ABSENT_I32: Final = -1
_ABSENT_U16: Final = 0xFFFF
_NAVIGATION: Final = frozenset({F20, F50, F51, F52, F60})
_COUNTERS: Final = _NAVIGATION
_ANALOGUE: Final = frozenset({F10, F20, F50, F51, F52, F60})
_OLD: Final = frozenset({F10, F20, F30})  # 16 outputs, 16 inputs, one temperature
_FIVE: Final = frozenset({F50, F51, F52})
_FUEL_SENSORS: Final = 28
_OTHER_SENSORS: Final = 15
_SEGMENT_TIMES: Final = 4


class _Le:
    """Little-endian reads, bounds-checked, over one record."""

    def __init__(self, data: bytes, pos: int) -> None:
        self.data = data
        self.pos = pos

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise TruncatedFrame(f"record needs {n} bytes at {self.pos}, have {len(self.data)}")
        self.pos += n
        return self.data[self.pos - n : self.pos]

    def u(self, n: int) -> int:
        return int.from_bytes(self.take(n), "little")

    def i(self, n: int) -> int:
        return int.from_bytes(self.take(n), "little", signed=True)

    def f32(self) -> float:
        value = float(_F32.unpack(self.take(4))[0])
        if not math.isfinite(value) or abs(value) > 1e9:
            raise InvalidField(f"float field {value}")
        return value


def record_format(body: bytes, pos: int) -> tuple[int, int]:
    """(format, position after it) of the record at ``pos``."""
    if pos >= len(body):
        raise TruncatedFrame("no record format")
    if body[pos] == 0:
        if pos + 3 > len(body):
            raise TruncatedFrame("no two-byte record format")
        return int.from_bytes(body[pos + 1 : pos + 3], "little"), pos + 3
    return body[pos], pos + 1


def record_size(body: bytes, pos: int) -> int:
    """The size of the record at ``pos`` (its format byte or bytes included)."""
    fmt, after = record_format(body, pos)
    size = RECORD_SIZES.get(fmt)
    if size is None:
        raise InvalidField(f"record format {fmt:#06x} has no published layout")
    return after - pos + size


def _clock(raw: bytes) -> datetime:
    hour, minute, second, day, month, year = raw
    try:
        return datetime(2000 + year, month + 1, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"time {raw.hex()}") from e


def _bits(rec: Record, prefix: str, value: int, count: int) -> None:
    for bit in range(count):
        rec.attributes[f"{prefix}{bit + 1}"] = bool(value >> bit & 1)


def _temperatures(rec: Record, r: _Le) -> None:
    for n in range(1, 5):
        value = r.i(1)
        if value != _NO_SENSOR:
            rec.attributes[f"temp{n}"] = value


def _head(rec: Record, fmt: int, r: _Le) -> None:
    a = rec.attributes
    a["format"] = fmt
    a["index"] = r.u(4)
    a["event"] = r.u(2)
    rec.fix_time = _clock(r.take(6))  # the event's time, until a fix time replaces it
    armed = r.u(1)
    if fmt == F60:
        a["armed"] = bool(armed & 1)
        alarm = bool(armed & 2)
    else:
        a["armed"] = bool(armed & 0x7F)  # any of the zones armed
        alarm = bool(armed & 0x80)
    if alarm:
        a["alarm"] = "general"
    a["status"] = r.u(1)
    a["rssi"] = r.u(1)


def _outputs_inputs(rec: Record, fmt: int, r: _Le) -> None:
    a = rec.attributes
    if fmt in _OLD:
        a["output"] = r.u(2)
        _bits(rec, "out", a["output"], 16)
    elif fmt in _FIVE:
        ext = r.u(1)
        a["output"] = ext & 0x03
        _bits(rec, "out", ext, 2)
        rec.satellites = ext >> 2
        a["sat"] = rec.satellites
    else:
        a["output"] = r.u(1) & 0x0F
        _bits(rec, "out", a["output"], 4)
    if fmt in (*_OLD, F40):
        a["input"] = r.u(2)
        _bits(rec, "in", a["input"], 16 if fmt != F40 else 4)
    else:
        a["input"] = r.u(1)
        _bits(rec, "in", a["input"], 8)


def _sensors(rec: Record, fmt: int, r: _Le) -> None:
    a = rec.attributes
    a["power"] = r.u(2) / 1000
    a["battery"] = r.u(2) / 1000
    if fmt in _OLD:
        a["temp1"] = r.i(2)
    if fmt in _ANALOGUE:
        for n in range(1, 4 if fmt == F60 else 3):
            a[f"adc{n}"] = r.u(2)
    if fmt in _COUNTERS:
        a["count1"] = r.u(4)
        a["count2"] = r.u(4)
    if fmt == F60:
        r.take(_FUEL_SENSORS)
        _temperatures(rec, r)
        weight, rpm = r.i(4), r.u(2)
        if weight != _ABSENT_I32:  # all bits set: no such sensor
            a["axleWeight"] = weight
        if rpm != _ABSENT_U16:
            a["rpm"] = rpm


def _navigation(rec: Record, fmt: int, r: _Le) -> None:
    state = r.u(1)
    rec.valid = bool(state & 0x02)
    if fmt == F60:
        rec.satellites = state >> 2
        rec.attributes["sat"] = rec.satellites
    rec.fix_time = _clock(r.take(6))
    if fmt == F60:
        lat, lon = r.i(4) / _MINUTES, r.i(4) / _MINUTES
        rec.altitude = r.i(4) / 10
    else:
        lat, lon = math.degrees(r.f32()), math.degrees(r.f32())
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"position {lat}, {lon}")
    speed = r.f32()
    if not 0 <= speed < 1000:
        raise InvalidField(f"speed {speed}")
    course = r.u(2)
    if course > 360:
        raise InvalidField(f"course {course}")
    rec.attributes["odometer"] = round(r.f32() * 1000)
    rec.attributes["distance"] = round(r.f32() * 1000)
    r.take(_SEGMENT_TIMES)
    if lat == 0 and lon == 0:
        return  # no fix: the record stays a status record, never a (0, 0) position
    rec.kind = RecordKind.POSITION
    rec.latitude, rec.longitude = lat, lon
    rec.speed, rec.course = speed, float(course)


def read_record(body: bytes, pos: int, received: datetime) -> tuple[Record, int]:
    """The record at ``pos`` and the position after it."""
    fmt, start = record_format(body, pos)
    if fmt not in RECORD_SIZES:
        raise InvalidField(f"record format {fmt:#06x} has no published layout")
    rec = Record(fix_time=received, kind=RecordKind.STATUS)
    r = _Le(body, start)
    _head(rec, fmt, r)
    _outputs_inputs(rec, fmt, r)
    _sensors(rec, fmt, r)
    if fmt in _NAVIGATION:
        _navigation(rec, fmt, r)
    if fmt in (F51, F52):
        r.take(_OTHER_SENSORS)
    if fmt in (F40, F52):
        _temperatures(rec, r)
    assert r.pos == start + RECORD_SIZES[fmt], "RECORD_SIZES and the layout agree"
    return rec, r.pos
