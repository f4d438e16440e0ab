"""MiniFinder frames to Records: data messages (type 01), services (type 03: a status record),
system control answers (type 04) and responses (type 7F).

Owns the value layouts of the keys the captures and the vendor overview pin down: general data
0x24 (time, status: battery level, charging, moving), GPS 0x20, alarm 0x02 (alarm bits to the
attributes.md alarm names), counter 0x37; any other key stays ``io<key>`` (an integer when its
value fits 4 bytes, else hex). Checks the envelope again (the worker may decode frames the gateway
never ACKed); raises only DeviceErrors; other message types decode to no records.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from . import keys
from .constants import (
    ALARM_BITS,
    BARK_ALARM,
    BARK_STOP,
    GPS_SIZE,
    STATUS_BATTERY_SHIFT,
    STATUS_CHARGE,
    STATUS_MOTION,
    TIMED_SIZE,
    Key,
    Message,
)
from .framing import open_frame

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST_TIME: Final = 946_684_800  # 2000-01-01: an earlier time is a device without a clock
_LAST_TIME: Final = 4_102_444_800  # 2100-01-01: a u32 reaches 2106, no device clock does
_TIMED: Final = struct.Struct("<II")
_BITS: Final = struct.Struct("<I")
# lat, lon (1e-7 deg), speed (km/h), course (deg), altitude (m), accuracy, mileage (m), satellites
_GPS: Final = struct.Struct("<iiHHhHIB")
_SMALL: Final = 4  # values up to this size are kept as integers

KeyDecoder = Callable[[bytes, keys.Field, Record], None]
Decoder = Callable[[bytes, int, int, DecodeContext], list[Record]]


def _time(seconds: int) -> datetime:
    if not _FIRST_TIME <= seconds < _LAST_TIME:
        raise InvalidField(f"time {seconds} is not in 2000-2099")
    return _EPOCH + timedelta(seconds=seconds)


def _timed(frame: bytes, f: keys.Field) -> tuple[int, int]:
    """The two u32 that open a 0x24, 0x02 or 0x37 value (newer firmware appends 4 bytes)."""
    keys.time_of(frame, f)  # checks the value holds them
    first, second = _TIMED.unpack_from(frame, f.start)
    return int(first), int(second)


def _general(frame: bytes, f: keys.Field, rec: Record) -> None:
    ts, status = _timed(frame, f)
    rec.fix_time = _time(ts)
    a = rec.attributes
    a["status"] = status
    a["batteryLevel"] = status >> STATUS_BATTERY_SHIFT
    a["charge"] = bool(status & STATUS_CHARGE)
    a["motion"] = bool(status & STATUS_MOTION)


def _gps(frame: bytes, f: keys.Field, rec: Record) -> None:
    if f.end - f.start < GPS_SIZE:
        raise InvalidField(f"GPS value of {f.end - f.start} bytes, needs {GPS_SIZE}")
    lat, lon, speed, course, altitude, accuracy, mileage, sats = _GPS.unpack_from(frame, f.start)
    if not (-90e7 <= lat <= 90e7 and -180e7 <= lon <= 180e7 and course <= 360):
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")
    rec.latitude = lat / 1e7
    rec.longitude = lon / 1e7
    rec.speed = float(speed)
    rec.course = float(course)
    rec.altitude = float(altitude)
    rec.satellites = sats
    rec.valid = True
    if rec.kind is RecordKind.STATUS:
        rec.kind = RecordKind.POSITION
    a = rec.attributes
    a["sat"] = sats
    # metres of horizontal accuracy per the EV-07B key table as remembered, not HDOP: the
    # overview retrieved does not say, so it keeps a descriptive name
    a["accuracy"] = accuracy
    a["odometer"] = mileage


def _alarm(frame: bytes, f: keys.Field, rec: Record) -> None:
    size = f.end - f.start
    if size < TIMED_SIZE:  # bits only: the record it joins dates it
        if size < _BITS.size:
            raise InvalidField(f"alarm value of {size} bytes")
        bits = int(_BITS.unpack_from(frame, f.start)[0])
    else:
        bits, ts = _timed(frame, f)
        if "status" not in rec.attributes:
            rec.fix_time = _time(ts)  # an alarm alone in its record dates it
    rec.attributes["event"] = bits
    if bits & BARK_ALARM:  # pet models: barking (capture #11)
        rec.attributes["bark"] = True
    names = list(dict.fromkeys(name for bit, name in ALARM_BITS if bits >> bit & 1))
    if names:
        rec.attributes["alarm"] = ",".join(names)
        rec.kind = RecordKind.EVENT


def _counter(frame: bytes, f: keys.Field, rec: Record) -> None:
    """0x37 of the pet models (bark collars): time, then the bark count in bits 0-30 and bit 31
    set when barking stopped (capture #8: 0000000C is 12 barks)."""
    ts, count = _timed(frame, f)
    rec.fix_time = _time(ts)
    rec.attributes["barkCount"] = count & ~BARK_STOP
    if count & BARK_STOP:
        rec.attributes["barkStop"] = True


def _other(frame: bytes, f: keys.Field, rec: Record) -> None:
    size = f.end - f.start
    if size == 0:
        return
    raw = frame[f.start : f.end]
    rec.attributes[f"io{f.key}"] = int.from_bytes(raw, "little") if size <= _SMALL else raw.hex()


KEYS: Final[dict[int, KeyDecoder]] = {
    Key.GENERAL: _general,
    Key.GPS: _gps,
    Key.ALARM: _alarm,
    Key.COUNTER: _counter,
}


def _record(frame: bytes, group: list[keys.Field], ctx: DecodeContext) -> Record:
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    for f in group:
        KEYS.get(f.key, _other)(frame, f, rec)
    if rec.kind is RecordKind.EVENT and rec.latitude is None:
        rec.valid = False
    return rec


def _data(frame: bytes, start: int, end: int, ctx: DecodeContext) -> list[Record]:
    return [_record(frame, group, ctx) for group in keys.split(frame, start, end)]


def _response(frame: bytes, start: int, end: int, ctx: DecodeContext) -> list[Record]:
    """The device's answer to a server message: the first key is its result code (00: done)."""
    first = next(keys.fields(frame, start, end), None)
    if first is None:
        raise InvalidField("response without a result key")
    result = str(first.key)
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": result})]


def _system_control(frame: bytes, start: int, end: int, ctx: DecodeContext) -> list[Record]:
    """A system control message from the device: the answer to one of ours, its keys' values
    as text (capture #10: key 1F "test"); none that is text, no record."""
    texts = [frame[f.start : f.end].replace(b"\x00", b"") for f in keys.fields(frame, start, end)]
    result = " ".join(t.decode("ascii") for t in texts if t and t.isascii() and t.isalnum())
    if not result:
        return []
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": result})]


def _services(frame: bytes, start: int, end: int, ctx: DecodeContext) -> list[Record]:
    """A heartbeat or other services message: the device is alive now; its keys (after the
    IMEI) are not documented here, so they are kept raw."""
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    for f in keys.fields(frame, start, end):
        if f.key != Key.IMEI:
            _other(frame, f, rec)
    return [rec]


DECODERS: Final[dict[int, Decoder]] = {
    Message.DATA: _data,
    Message.SERVICES: _services,
    Message.RESPONSE: _response,
    Message.SYSTEM_CONTROL: _system_control,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.message)
    if decoder is None:
        return []
    return decoder(frame, env.start, env.end, ctx)
