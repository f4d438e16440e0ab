"""Galileosky packets to Records: main packets (tags), command replies; one small reader per tag.

Owns the meaning of the tags this package maps (time, coordinates, speed and course, altitude,
HDOP, status, voltages, inputs/outputs, analog inputs, thermometers, iButton, odometer, user
data, command reply text) into the shared vocabulary; other tags of known size stay ``io<tag>``.
The envelope is checked again here. Photo and compressed packets decode to no records.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import Header, Tag
from .framing import open_frame
from .tags import TagValue, records

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_COORDS: Final = struct.Struct("<Bii")
_SPEED_COURSE: Final = struct.Struct("<HH")
_VALID_FIX: Final = 0  # high nibble of the coordinates' first byte: GPS/GLONASS fix
_CELL_FIX: Final = 2  # coordinates from GSM base stations
_IDENTITY: Final = frozenset({Tag.IMEI, Tag.DEVICE_ID})

TagReader = Callable[[Record, bytes], None]


def _le(value: bytes) -> int:
    return int.from_bytes(value, "little")


def _time(rec: Record, v: bytes) -> None:
    rec.fix_time = _EPOCH + timedelta(seconds=_le(v))


def _coordinates(rec: Record, v: bytes) -> None:
    flags, lat, lon = _COORDS.unpack(v)
    if not (-90_000_000 <= lat <= 90_000_000 and -180_000_000 <= lon <= 180_000_000):
        raise InvalidField(f"coordinates out of range: {lat} {lon}")
    source = flags >> 4
    rec.satellites = flags & 0x0F
    rec.valid = source in (_VALID_FIX, _CELL_FIX)
    if source == _CELL_FIX:
        rec.attributes["approximate"] = True
    rec.latitude = lat / 1e6
    rec.longitude = lon / 1e6


def _speed_course(rec: Record, v: bytes) -> None:
    speed, course = _SPEED_COURSE.unpack(v)
    if course > 3600:
        raise InvalidField(f"course {course / 10}")
    rec.speed = speed / 10
    rec.course = course / 10


def _altitude(rec: Record, v: bytes) -> None:
    rec.altitude = float(int.from_bytes(v, "little", signed=True))


def _attr(name: str, convert: Callable[[bytes], object]) -> TagReader:
    def read(rec: Record, v: bytes) -> None:
        rec.attributes[name] = convert(v)

    return read


def _milli(v: bytes) -> float:
    return _le(v) / 1000


def _tenth(v: bytes) -> float:
    return _le(v) / 10


def _signed(v: bytes) -> int:
    return int.from_bytes(v, "little", signed=True)


def _thermometer(n: int) -> TagReader:
    """Thermometer ``n``: sensor id, then the temperature in whole degrees (signed)."""

    def read(rec: Record, v: bytes) -> None:
        rec.attributes[f"temp{n}"] = int.from_bytes(v[1:2], "little", signed=True)

    return read


def _ibutton(rec: Record, v: bytes) -> None:
    key = _le(v)
    if key:
        rec.attributes["driverUniqueId"] = f"{key:08X}"


def _text(rec: Record, v: bytes) -> None:
    rec.attributes["result"] = v.decode("ascii", "replace")


def _version(name: str) -> TagReader:
    return _attr(name, lambda v: str(v[0]))


TAG_READERS: Final[dict[int, TagReader]] = {
    Tag.HARDWARE: _version("versionHw"),
    Tag.FIRMWARE: _version("versionFw"),
    Tag.RECORD_NUMBER: _attr("index", _le),
    Tag.TIME: _time,
    Tag.COORDINATES: _coordinates,
    Tag.SPEED_COURSE: _speed_course,
    Tag.ALTITUDE: _altitude,
    Tag.HDOP: _attr("hdop", _tenth),
    Tag.STATUS: _attr("status", _le),
    Tag.POWER: _attr("power", _milli),
    Tag.BATTERY: _attr("battery", _milli),
    Tag.DEVICE_TEMP: _attr("deviceTemp", _signed),
    Tag.OUTPUTS: _attr("output", _le),
    Tag.INPUTS: _attr("input", _le),
    Tag.IBUTTON: _ibutton,
    Tag.ODOMETER: _attr("odometer", _le),
    Tag.COMMAND_TEXT: _text,
    **{0x50 + i: _attr(f"adc{i + 1}", _le) for i in range(8)},
    **{0x70 + i: _thermometer(i + 1) for i in range(8)},
    **{0xE2 + i: _attr(f"userData{i}", _le) for i in range(8)},
}
_SKIPPED: Final = frozenset({*_IDENTITY, Tag.EXTENDED, 0x5B, 0x5C, 0xEA})


def _record(frame: bytes, group: list[TagValue], ctx: DecodeContext) -> Record | None:
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    for tv in group:
        value = frame[tv.start : tv.end]
        reader = TAG_READERS.get(tv.tag)
        if reader is not None:
            reader(rec, value)
        elif tv.tag not in _SKIPPED:
            rec.attributes[f"io{tv.tag}"] = _le(value)
    if rec.has_position:
        rec.kind = RecordKind.POSITION
    elif not rec.attributes:
        return None  # identity tags only
    return rec


def _main(frame: bytes, start: int, end: int, ctx: DecodeContext) -> list[Record]:
    out = []
    for group in records(frame, start, end):
        rec = _record(frame, group, ctx)
        if rec is not None:
            out.append(rec)
    return out


def _nothing(frame: bytes, start: int, end: int, ctx: DecodeContext) -> list[Record]:
    return []


DECODERS: Final[dict[int, Callable[[bytes, int, int, DecodeContext], list[Record]]]] = {
    Header.MAIN: _main,
    Header.PHOTO: _nothing,  # camera picture parts: not decoded here
    Header.COMPRESSED: _nothing,  # minimal data sets: not decoded here
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    return DECODERS.get(env.header, _nothing)(frame, env.start, env.end, ctx)
