"""ATrack frames to Records: one decoder per frame type, found through a table.

Owns the fixed part of a position record (three times, coordinates, heading, report id,
odometer, HDOP, inputs, speed, outputs, analog input, driver id, two temperatures, text
message) in both its binary and text forms, and the record walk of multi-record frames. Custom
information is custom.py's. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final, NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols._text import finite
from fleetwire.protocols.base import DecodeContext

from . import custom
from .constants import NO_TEMPERATURE, TEXT_TERMINATOR, FrameType
from .framing import Envelope, frame_type, open_binary, open_keepalive, open_reply, open_text

# GPS time, RTC time, send time, longitude, latitude, heading, report id, odometer, HDOP,
# inputs, speed, outputs, analog input: the part of a binary record before the driver id
_FIXED: Final = struct.Struct(">IIIiiHBIHBHBH")
_TEXT_FIXED_FIELDS: Final = 16  # up to the second temperature
_COORD: Final = 1e-6
_LONG_DATE: Final = 14  # yyyyMMddHHmmss in older text firmware
# Times before 2000 come from a clock never set (0 plus the seconds since power-up).
_CLOCK_SET: Final = 946_684_800
_MAX_TIME: Final = 0xFFFF_FFFF


class Fixed(NamedTuple):
    gps_time: int  # unix seconds; 0 before the first fix
    rtc_time: int
    longitude: int  # 1e-6 degrees
    latitude: int
    heading: int
    report_id: int
    odometer: float  # 0.1 km
    hdop: float  # 0.1
    inputs: int
    speed: int  # km/h
    outputs: int
    analog: int
    driver: str
    temperatures: tuple[int, int]  # 0.1 degC; 2000: no sensor
    message: str


def _record(f: Fixed, ctx: DecodeContext) -> Record:
    """The fixed part as a Record. Without any fix yet (GPS time unset, coordinates 0) there is
    no position: the RTC time if it was ever set, else the receive time, dates the status."""
    lat, lon = f.latitude * _COORD, f.longitude * _COORD
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= f.heading <= 360 and f.speed >= 0):
        raise InvalidField(f"out of range: {lat} {lon} heading {f.heading} speed {f.speed}")
    if max(f.gps_time, f.rtc_time) > _MAX_TIME:
        raise InvalidField(f"times {f.gps_time} {f.rtc_time} past 2106")
    rec = Record(fix_time=ctx.received)
    if f.gps_time >= _CLOCK_SET and (f.latitude or f.longitude):
        rec.fix_time = datetime.fromtimestamp(f.gps_time, UTC)
        rec.valid = True
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course = float(f.speed), float(f.heading)
    else:
        rec.kind = RecordKind.STATUS
        if f.rtc_time >= _CLOCK_SET:
            rec.fix_time = datetime.fromtimestamp(f.rtc_time, UTC)
    a = rec.attributes
    a["event"] = f.report_id
    a["odometer"] = round(f.odometer * 100)  # 0.1 km -> m
    a["hdop"] = f.hdop / 10
    a["input"] = f.inputs
    a["ignition"] = bool(f.inputs & 0x01)  # input 0 is the ignition line
    a["output"] = f.outputs
    a["adc1"] = f.analog  # mV
    if f.driver:
        a["driverUniqueId"] = f.driver
    for i, t in enumerate(f.temperatures, 1):
        if t != NO_TEMPERATURE:
            a[f"temp{i}"] = t / 10
    if f.message:
        a["message"] = f.message
    return rec


# --- binary ---------------------------------------------------------------------------------------


def _binary_record(frame: bytes, r: Reader, ctx: DecodeContext) -> tuple[Record, bool]:
    """One record; False when custom information of unknown layout ends the walk."""
    end = len(frame)
    gps, rtc, _, lon, lat, heading, rid, odo, hdop, inputs, speed, outputs, analog = _FIXED.unpack(
        r.bytes(_FIXED.size)
    )
    driver = custom.cstring(frame, r, end)
    temps = (r.i16(), r.i16())
    message = custom.cstring(frame, r, end)
    fixed = Fixed(gps, rtc, lon, lat, heading, rid, odo, hdop, inputs, speed, outputs, analog,
                  driver, temps, message)  # fmt: skip
    rec = _record(fixed, ctx)
    if frame.startswith(custom.FORMAT_HEAD.encode(), r.pos):
        text = custom.cstring(frame, r, end)
        codes = custom.parse_format(text)
        if codes is None:
            raise InvalidField(f"bad custom format {text[:40]!r}")
        values, complete = custom.read_binary(frame, r, end, codes)
        custom.apply(rec, values)
        if not complete:
            rec.attributes["custom"] = frame[r.pos :].hex()  # layout unknown: kept raw
            return rec, False
    return rec, True


def _positions(frame: bytes, env: Envelope, ctx: DecodeContext) -> list[Record]:
    r = Reader(frame, env.start)
    records: list[Record] = []
    while r.remaining and any(frame[r.pos :]):  # zero padding after the last record
        rec, more = _binary_record(frame, r, ctx)
        records.append(rec)
        if not more:
            break
    return records


# --- text -----------------------------------------------------------------------------------------


def _time(text: str) -> int:
    """Unix seconds, or yyyyMMddHHmmss (UTC) from older firmware."""
    if len(text) == _LONG_DATE:
        try:
            return int(datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC).timestamp())
        except ValueError as e:
            raise InvalidField(f"bad date {text!r}") from e
    return _int(text)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError as e:
        raise InvalidField(f"{text[:20]!r} is not a number") from e


def _text_record(line: str, ctx: DecodeContext) -> Record:
    parts = line.split(",", _TEXT_FIXED_FIELDS)
    if len(parts) <= _TEXT_FIXED_FIELDS:
        raise InvalidField(f"text record of {len(parts)} fields")
    p = parts
    fixed = Fixed(
        _time(p[0]), _time(p[1]), _int(p[3]), _int(p[4]), _int(p[5]), _int(p[6]),
        finite(p[7]), finite(p[8]), _int(p[9]), _int(p[10]), _int(p[11]), _int(p[12]),
        p[13].strip(), (_int(p[14]), _int(p[15])), "",
    )  # fmt: skip
    message, _, rest = p[16].partition(",")
    rec = _record(fixed._replace(message=message.strip(TEXT_TERMINATOR + " ")), ctx)
    fmt, _, values = rest.partition(",")
    codes = custom.parse_format(fmt)
    if codes is not None:
        custom.apply(rec, custom.split_text(codes, values))
    elif rest:
        rec.attributes["custom"] = rest  # values of a format the frame does not carry
    return rec


def _text_positions(frame: bytes, env: Envelope, ctx: DecodeContext) -> list[Record]:
    body = frame[env.start :].decode("latin-1")
    return [_text_record(line, ctx) for line in body.splitlines() if line]


# --- the rest -------------------------------------------------------------------------------------


def _binary(frame: bytes, ctx: DecodeContext) -> list[Record]:
    return _positions(frame, open_binary(frame, FrameType.POSITION), ctx)


def _text(frame: bytes, ctx: DecodeContext) -> list[Record]:
    return _text_positions(frame, open_text(frame), ctx)


def _image(frame: bytes, ctx: DecodeContext) -> list[Record]:
    open_binary(frame, FrameType.IMAGE)  # picture chunks: kept in the raw log, no records
    return []


def _keepalive(frame: bytes, ctx: DecodeContext) -> list[Record]:
    open_keepalive(frame)
    return []


def _reply(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """``$OK``, ``$ERROR=<code>``, ``$INFO=<imei>,<model>,<firmware>,...``: kept as text."""
    text = open_reply(frame)
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": text})]


DECODERS: Final[dict[FrameType, Callable[[bytes, DecodeContext], list[Record]]]] = {
    FrameType.POSITION: _binary,
    FrameType.TEXT_POSITION: _text,
    FrameType.IMAGE: _image,
    FrameType.KEEPALIVE: _keepalive,
    FrameType.REPLY: _reply,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    return DECODERS[frame_type(frame)](frame, ctx)
