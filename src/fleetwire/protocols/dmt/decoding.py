"""Digital Matter messages to Records: hello (versions, ICCID) and data records (0x04).

Owns the meaning of the data fields this package maps: GPS (field 0), debug text (1), digital
data (2), 16-bit and 32-bit analogue data (6, 7) into the shared vocabulary; analogue ids
without a vocabulary name stay ``io<id>``, other fields ``field<id>`` (hex). Field layouts are
read off real captures (tests/protocols/dmt/vectors.py) and checked against the values the
sources state (Perth coordinates, battery 4.094 V, signal 29); where that leaves a doubt the
comment says so. The 64-byte records (0x10) are compact.py's; all other messages decode to no
records.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from . import compact
from .constants import (
    DIGITAL_SIZE,
    EPOCH,
    GPS_SIZE,
    GPS_VALID,
    HELLO_ICCID,
    HELLO_VERSIONS,
    AnalogId,
    FieldId,
    MsgType,
)
from .framing import Envelope, open_frame
from .inspect import hello_imei
from .records import RecordHead, walk_fields, walk_records

# GPS time, latitude, longitude (1e-7 deg), altitude (m), ground speed (cm/s), speed accuracy,
# heading (2-degree units), PDOP (x10), position accuracy (m), status flags
_GPS: Final = struct.Struct("<IiihHBBBBB")
_DIGITAL: Final = struct.Struct("<IHH")
_A16: Final = struct.Struct("<BH")
_A32: Final = struct.Struct("<BI")
_CM_S_TO_KMH: Final = 0.036
_MAX_HEADING: Final = 180  # 2-degree units: 180 would be 360 degrees
_MAX_SPEED: Final = 27_777  # cm/s, 1000 km/h: beyond it the field is corrupt, not a vehicle
# Times are UINT32 seconds since 2013; one with the top bit set (2081 onwards) is corrupt.
_MAX_SECONDS: Final = 0x7FFFFFFF


def _when(seconds: int) -> datetime:
    if seconds > _MAX_SECONDS:
        raise InvalidField(f"time of {seconds} s since 2013")
    return EPOCH + timedelta(seconds=seconds)


FieldReader = Callable[[Record, bytes, int, int], None]


def _gps(rec: Record, frame: bytes, start: int, end: int) -> None:
    if end - start < GPS_SIZE:
        raise InvalidField(f"GPS field of {end - start} bytes")
    t, lat, lon, alt, speed, _acc, heading, pdop, accuracy, flags = _GPS.unpack_from(frame, start)
    if t == 0 and lat == 0 and lon == 0:
        return  # the device has never had a fix: no position at all
    if not (-900_000_000 <= lat <= 900_000_000 and -1_800_000_000 <= lon <= 1_800_000_000):
        raise InvalidField(f"coordinates out of range: {lat} {lon}")
    if heading >= _MAX_HEADING:
        raise InvalidField(f"heading {heading * 2}")
    if speed > _MAX_SPEED:
        raise InvalidField(f"speed {speed} cm/s")
    rec.fix_time = _when(t)
    rec.valid = bool(flags & GPS_VALID)
    rec.latitude = lat / 1e7
    rec.longitude = lon / 1e7
    rec.altitude = float(alt)
    rec.speed = round(speed * _CM_S_TO_KMH, 2)
    rec.course = float(heading * 2)
    rec.attributes["pdop"] = pdop / 10
    rec.attributes["accuracy"] = accuracy


def _debug(rec: Record, frame: bytes, start: int, end: int) -> None:
    # UINT16 code, then text; the code's meaning is not sourced, the text is the useful part
    rec.attributes["debug"] = frame[start + 2 : end].decode("ascii", "replace")


def _digital(rec: Record, frame: bytes, start: int, end: int) -> None:
    if end - start < DIGITAL_SIZE:
        raise InvalidField(f"digital field of {end - start} bytes")
    inputs, outputs, status = _DIGITAL.unpack_from(frame, start)
    rec.attributes["input"] = inputs
    rec.attributes["output"] = outputs
    rec.attributes["status"] = status


def _analog_value(rec: Record, aid: int, value: int) -> None:
    a = rec.attributes
    if aid == AnalogId.BATTERY:
        a["battery"] = value / 1000
    elif aid == AnalogId.EXTERNAL:
        a["power"] = value / 1000
    elif aid == AnalogId.TEMPERATURE:
        a["deviceTemp"] = (value - 0x10000 if value > 0x7FFF else value) / 100
    elif aid == AnalogId.SIGNAL:
        a["rssi"] = value
    else:
        a[f"io{aid}"] = value


def _a16(rec: Record, frame: bytes, start: int, end: int) -> None:
    if (end - start) % _A16.size:
        raise InvalidField(f"analogue field of {end - start} bytes")
    for aid, value in _A16.iter_unpack(frame[start:end]):
        _analog_value(rec, aid, value)


def _a32(rec: Record, frame: bytes, start: int, end: int) -> None:
    if (end - start) % _A32.size:
        raise InvalidField(f"analogue field of {end - start} bytes")
    for aid, value in _A32.iter_unpack(frame[start:end]):
        rec.attributes[f"io{aid}"] = value


FIELD_READERS: Final[dict[int, FieldReader]] = {
    FieldId.GPS: _gps,
    FieldId.DEBUG: _debug,
    FieldId.DIGITAL: _digital,
    FieldId.ANALOG16: _a16,
    FieldId.ANALOG32: _a32,
}


def _record(frame: bytes, head: RecordHead, ctx: DecodeContext) -> Record:
    # the RTC time is the record's time until a GPS field says when the fix was; 0 is "unset"
    when = _when(head.rtc) if head.rtc else ctx.received
    rec = Record(fix_time=when, kind=RecordKind.STATUS)
    rec.attributes["index"] = head.sequence
    rec.attributes["event"] = head.reason
    for f in walk_fields(frame, head):
        reader = FIELD_READERS.get(f.id)
        if reader is not None:
            reader(rec, frame, f.start, f.end)
        else:
            rec.attributes[f"field{f.id}"] = frame[f.start : f.end].hex()
    if rec.has_position:
        rec.kind = RecordKind.POSITION
    return rec


def _data_records(frame: bytes, env: Envelope, ctx: DecodeContext) -> list[Record]:
    return [_record(frame, head, ctx) for head in walk_records(frame, env.start, env.end)]


def _hello(frame: bytes, env: Envelope, ctx: DecodeContext) -> list[Record]:
    hello_imei(frame, env)  # the same checks as inspect
    p = env.start
    iccid = frame[p + HELLO_ICCID.start : p + HELLO_ICCID.stop].strip(b"\x00")
    product, hardware, major, minor = frame[p + HELLO_VERSIONS : p + HELLO_VERSIONS + 4]
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    rec.attributes["versionFw"] = f"{major}.{minor}"
    rec.attributes["versionHw"] = str(hardware)
    rec.attributes["type"] = product
    if iccid.isdigit():
        rec.attributes["iccid"] = iccid.decode("ascii")
    return [rec]


def _compact(frame: bytes, env: Envelope, ctx: DecodeContext) -> list[Record]:
    return compact.records(frame[env.start : env.end])


def _nothing(frame: bytes, env: Envelope, ctx: DecodeContext) -> list[Record]:
    return []


DECODERS: Final[dict[int, Callable[[bytes, Envelope, DecodeContext], list[Record]]]] = {
    MsgType.HELLO: _hello,
    MsgType.DATA_RECORDS: _data_records,
    MsgType.COMPACT_RECORDS: _compact,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    return DECODERS.get(env.type, _nothing)(frame, env, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
