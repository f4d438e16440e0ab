"""ARNAVI frames to Records: one record per TAGS packet, text messages, command results; one
small reader per tag.

Owns the meaning of the tags this package maps into the shared vocabulary: latitude (3) and
longitude (4) as float32 degrees, and the coordinate parameters (5): byte 0 course in 2-degree
steps, byte 1 altitude in 10 m steps, byte 2 satellites (GPS in the low nibble, GLONASS in the
high one), byte 3 speed in knots. The byte order of tag 5 and the knots are our reading of the
vendor's description, checked only for plausibility against a public capture (an altitude of
20 m near Krasnodar); the vendor document's tag table was not available to us, so every other
tag stays ``io<tag>`` with its raw uint32 value. The record time is the packet's unix time
(UTC). A HEADER decodes to no records; FILE and BINARY packets are not decoded.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from . import text
from .constants import RESULT_PARCEL, TAG_SIZE, PacketType, Tag
from .framing import Packet, is_header, open_header, open_package

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_FLOAT: Final = struct.Struct("<f")
_TAG: Final = struct.Struct("<BI")

TagReader = Callable[[Record, int], None]


def _degrees(value: int, limit: float, name: str) -> float:
    degrees = float(_FLOAT.unpack(value.to_bytes(4, "little"))[0])
    if not math.isfinite(degrees) or abs(degrees) > limit:
        raise InvalidField(f"{name} {degrees} out of range")
    return round(degrees, 6)


def _latitude(rec: Record, value: int) -> None:
    rec.latitude = _degrees(value, 90.0, "latitude")


def _longitude(rec: Record, value: int) -> None:
    rec.longitude = _degrees(value, 180.0, "longitude")


def _coord_params(rec: Record, value: int) -> None:
    course = (value & 0xFF) * 2
    if course > 360:
        raise InvalidField(f"course {course}")
    satellites = (value >> 16) & 0xFF
    rec.course = float(course)
    rec.altitude = float(((value >> 8) & 0xFF) * 10)
    rec.satellites = (satellites & 0x0F) + (satellites >> 4)
    rec.speed = round(((value >> 24) & 0xFF) * KNOTS, 2)


TAG_READERS: Final[dict[int, TagReader]] = {
    Tag.LATITUDE: _latitude,
    Tag.LONGITUDE: _longitude,
    Tag.COORD_PARAMS: _coord_params,
}


def _time(seconds: int) -> datetime:
    return _EPOCH + timedelta(seconds=seconds)


def _tags(frame: bytes, p: Packet, ctx: DecodeContext) -> Record | None:
    size = p.end - p.start
    if size % TAG_SIZE:
        raise InvalidField(f"TAGS packet of {size} bytes is no run of 5-byte tags")
    rec = Record(fix_time=_time(p.time), kind=RecordKind.STATUS)
    for pos in range(p.start, p.end, TAG_SIZE):
        tag, value = _TAG.unpack_from(frame, pos)
        reader = TAG_READERS.get(tag)
        if reader is not None:
            reader(rec, value)
        else:
            rec.attributes[f"io{tag}"] = value
    if (rec.latitude is None) != (rec.longitude is None):
        raise InvalidField("a TAGS packet with only one of latitude and longitude")
    if rec.has_position:
        rec.kind = RecordKind.POSITION
        # no fix flag on the wire: a position reported with no satellites in use is stale
        rec.valid = rec.satellites is None or rec.satellites > 0
    return rec


def _text(frame: bytes, p: Packet, ctx: DecodeContext) -> Record | None:
    text = frame[p.start : p.end].decode("cp1251", "replace")
    return Record(fix_time=_time(p.time), kind=RecordKind.EVENT, attributes={"text": text})


PACKET_DECODERS: Final[dict[int, Callable[[bytes, Packet, DecodeContext], Record | None]]] = {
    PacketType.TAGS: _tags,
    PacketType.TEXT: _text,
}


def _package(frame: bytes, ctx: DecodeContext) -> list[Record]:
    parcel, found = open_package(frame)
    if parcel == RESULT_PARCEL:
        result = {"result": str(frame[2])}  # the vendor's result code, as a number
        return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=result)]
    out = []
    for p in found:
        decoder = PACKET_DECODERS.get(p.type)
        rec = decoder(frame, p, ctx) if decoder is not None else None
        if rec is not None:
            out.append(rec)
    return out


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if text.is_text(frame):
        return text.decode(frame, ctx)
    if is_header(frame):
        open_header(frame)
        return []
    return _package(frame, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
