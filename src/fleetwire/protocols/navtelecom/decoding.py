"""Navtelecom frames to Records: FLEX records (~A, ~T, ~C) and NTCB command answers.

A FLEX record is laid out by the bitfield the device declared in `*>FLEX` at the start of its
connection; inspect() hands it to the gateway as the frame's context, the raw log keeps it with
the frame and decode() reads it from ``ctx.context``, raising InvalidField without it, never
guessing a layout. Fields decoded (vendor FLEX table): 1 record number, 2 event code, 3 event
time, 8 navigation state (bit 1 valid, bits 2-7 satellites), 9 the fix's time (a record's time
when present, else field 3's), 10/11 latitude/longitude (I32, 1/10000 minute), 12 altitude
(I32, dm), 13 speed (float km/h), 14 course (U16), 15 odometer (float km), 19/20 main/backup
voltage (U16 mV), 29 inputs 1-8, 31 outputs 1-8; other sized fields become ``io<N>`` (unsigned
LE). NTCB login and negotiation packets carry no record.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import ARRAY, COMMAND_ANSWER, FLEX_START, PING
from .fields import Layout
from .framing import open_flex, open_ntcb

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_F32: Final = struct.Struct("<f")
_MINUTES: Final = 600000.0  # 1/10000 minute per unit
_POSITION_FIELDS: Final = frozenset({10, 11})

FieldReader = Callable[[Record, bytes], None]


def _u(v: bytes) -> int:
    return int.from_bytes(v, "little")


def _i(v: bytes) -> int:
    return int.from_bytes(v, "little", signed=True)


def _float(v: bytes) -> float:
    value = float(_F32.unpack(v)[0])
    if value != value or abs(value) > 1e9:
        raise InvalidField(f"float field {v.hex()}")
    return value


def _time(rec: Record, v: bytes) -> None:
    rec.fix_time = _EPOCH + timedelta(seconds=_u(v))


def _nav(rec: Record, v: bytes) -> None:
    rec.valid = bool(v[0] & 0x02)
    rec.satellites = v[0] >> 2
    rec.attributes["sat"] = rec.satellites


def _coordinate(limit: float, name: str) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        value = _i(v) / _MINUTES
        if not -limit <= value <= limit:
            raise InvalidField(f"{name} {value}")
        setattr(rec, name, value)

    return read


def _altitude(rec: Record, v: bytes) -> None:
    rec.altitude = _i(v) / 10


def _speed(rec: Record, v: bytes) -> None:
    speed = _float(v)
    if not 0 <= speed < 1000:
        raise InvalidField(f"speed {speed}")
    rec.speed = speed


def _course(rec: Record, v: bytes) -> None:
    course = _u(v)
    if course > 360:
        raise InvalidField(f"course {course}")
    rec.course = float(course)


def _odometer(rec: Record, v: bytes) -> None:
    rec.attributes["odometer"] = round(_float(v) * 1000)


def _volts(name: str) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        rec.attributes[name] = _u(v) / 1000

    return read


def _bits(name: str, prefix: str) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        value = _u(v)
        rec.attributes[name] = value
        for bit in range(8):
            rec.attributes[f"{prefix}{bit + 1}"] = bool(value >> bit & 1)

    return read


def _attr(name: str) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        rec.attributes[name] = _u(v)

    return read


FIELD_READERS: Final[dict[int, FieldReader]] = {
    1: _attr("index"),
    2: _attr("event"),
    3: _time,
    8: _nav,
    9: _time,  # the navigation fix's own time: it replaces field 3's (the event's) when both come
    10: _coordinate(90, "latitude"),
    11: _coordinate(180, "longitude"),
    12: _altitude,
    13: _speed,
    14: _course,
    15: _odometer,
    19: _volts("power"),
    20: _volts("battery"),
    29: _bits("input", "in"),
    31: _bits("output", "out"),
}


def _record(
    frame: bytes, start: int, layout: Layout, ctx: DecodeContext, readers: dict[int, FieldReader]
) -> Record:
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    seen: set[int] = set()
    for field, value in layout.walk(frame, start):
        seen.add(field)
        reader = readers.get(field)
        if reader is not None:
            reader(rec, value)
        elif len(value) <= 8:
            rec.attributes[f"io{field}"] = _u(value)
    if seen >= _POSITION_FIELDS:
        rec.kind = RecordKind.POSITION
    return rec


def _layout(ctx: DecodeContext) -> Layout:
    if not ctx.context:
        raise InvalidField("no *>FLEX bitfield with this frame: its records cannot be laid out")
    return Layout.from_bytes(ctx.context)


def flex_records(
    frame: bytes, ctx: DecodeContext, readers: dict[int, FieldReader] = FIELD_READERS
) -> list[Record]:
    """The records of a FLEX message, each field read by ``readers`` (field number -> reader;
    a sized field without one becomes ``io<N>``); Navis reads more fields than Navtelecom."""
    kind, start, end = open_flex(frame)
    count = frame[2] if kind == ARRAY else 1
    layout = _layout(ctx)
    stride = layout.check_records(end - start, count)
    return [_record(frame, start + k * stride, layout, ctx, readers) for k in range(count)]


def _answer(body: bytes, ctx: DecodeContext) -> list[Record]:
    text = body.decode("ascii", "replace")
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": text})]


def _nothing(body: bytes, ctx: DecodeContext) -> list[Record]:
    return []


_NTCB: Final[dict[bytes, Callable[[bytes, DecodeContext], list[Record]]]] = {
    COMMAND_ANSWER: _answer,
}


def _ntcb(frame: bytes, ctx: DecodeContext) -> list[Record]:
    body = open_ntcb(frame).body
    handler = _NTCB.get(body[:2], _nothing)
    return handler(body, ctx)


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if frame[:1] == bytes((FLEX_START,)):
        return flex_records(frame, ctx)
    if frame == bytes((PING,)):
        return []
    return _ntcb(frame, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
