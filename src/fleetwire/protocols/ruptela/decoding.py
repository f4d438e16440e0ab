"""Ruptela frames to Records: records (command 1), extended records (68), diagnostic trouble codes
(9) and the answers to server commands (2, 3, 4, 7 as text; 17 as a result byte).

Owns the record layout (shared/protocols.md section 8) for both record commands, parameterised
by the width of the event and IO ids, and the merging of extended records that the device split
into parts. Checks the envelope again (the worker may decode frames the gateway never ACKed);
raises only DeviceErrors; any other command decodes to no records.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final, NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .constants import Command
from .framing import open_frame
from .io_elements import join_driver_halves, put_io

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
# longitude, latitude, altitude (dm), angle (1/100 degree), satellites, speed (km/h), hdop (x10)
_GPS: Final = struct.Struct(">iiHHBHB")
_DTC_POSITION: Final = struct.Struct(">ii")  # longitude, latitude (1e-7 degree)
_DTC_SIZE: Final = 5  # an OBD trouble code in ASCII, "P0010"
_DTC_ARCHIVED: Final = 2
_NO_FIX: Final = -(2**31)  # 0x80000000 in both coordinates: the device has no position
_IO_SIZES: Final = (1, 2, 4, 8)
_PER_PART: Final = frozenset({"priority", "sat", "hdop"})  # repeated in every part: keep the first


class Layout(NamedTuple):
    extension: bool  # a record extension byte after the timestamp extension
    id_size: int  # width of the event id and of every IO id


_LAYOUTS: Final[dict[int, Layout]] = {
    Command.RECORDS: Layout(extension=False, id_size=1),
    Command.EXTENDED_RECORDS: Layout(extension=True, id_size=2),
}

Decoder = Callable[[bytes, Reader, DecodeContext, int], list[Record]]


class _Part(NamedTuple):
    record: Record
    time_key: tuple[int, int]  # timestamp and timestamp extension: equal in every part
    extension: int  # the record extension byte (0 when the layout has none)


def _record(frame: bytes, r: Reader, layout: Layout) -> _Part:
    ts = r.u32()
    time_key = (ts, r.u8())
    extension = r.u8() if layout.extension else 0
    attributes: dict[str, Any] = {"priority": r.u8()}
    start = r.pos
    r.skip(_GPS.size)
    lon, lat, alt, angle, sats, speed, hdop = _GPS.unpack_from(frame, start)
    course = angle / 100
    fix = lon != _NO_FIX or lat != _NO_FIX
    if fix:  # without a fix the device fills these fields with FF
        attributes["sat"] = sats
        attributes["hdop"] = hdop / 10
    event = r.uint(layout.id_size)
    if event:
        attributes["event"] = event
    sizes: dict[int, int] = {}
    for size in _IO_SIZES:
        for _ in range(r.u8()):
            io_id = r.uint(layout.id_size)
            sizes[io_id] = size
            put_io(attributes, io_id, r.uint(size), size)
    join_driver_halves(attributes, sizes)
    rec = Record(fix_time=_EPOCH + timedelta(seconds=ts), attributes=attributes)
    if fix and course > 360:
        raise InvalidField(f"course {course} out of range")
    if _place(rec, lat, lon):
        rec.valid = sats > 0
        rec.satellites = sats
        rec.altitude = alt / 10
        rec.speed = float(speed)
        rec.course = course
    return _Part(rec, time_key, extension)


def _place(rec: Record, lat: int, lon: int) -> bool:
    """Sets the position from 1e-7 degree values; a record without a fix becomes a status."""
    if lon == _NO_FIX and lat == _NO_FIX:
        rec.kind = RecordKind.STATUS
        rec.valid = False
        return False
    if not (-90e7 <= lat <= 90e7 and -180e7 <= lon <= 180e7):
        raise InvalidField(f"position out of range: {lat} {lon}")
    rec.latitude = lat / 1e7
    rec.longitude = lon / 1e7
    return True


def _continues(part: _Part, previous: _Part) -> bool:
    """Extended records too big for one record come as parts: the high nibble of the record
    extension is the number of the last part, the low nibble this part's number, and every part
    repeats the time and its extension. Parts after the first only add IO values."""
    return (
        part.extension >> 4 != 0
        and part.extension & 0x0F != 0
        and part.time_key == previous.time_key
    )


def _records(frame: bytes, r: Reader, ctx: DecodeContext, command: int) -> list[Record]:
    layout = _LAYOUTS[command]
    r.skip(1)  # records left in the device's memory
    out: list[Record] = []
    previous: _Part | None = None
    for _ in range(r.u8()):
        part = _record(frame, r, layout)
        if previous is not None and _continues(part, previous):
            extra = part.record.attributes
            previous.record.attributes.update(
                (k, v) for k, v in extra.items() if k not in _PER_PART
            )
            continue
        out.append(part.record)
        previous = part
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the last record")
    return out


def _text(payload: bytes) -> str:
    """Printable ASCII as text; anything else as hex."""
    if payload.isascii() and all(c >= 0x20 or c in b"\r\n\t" for c in payload):
        return payload.decode("ascii")
    return payload.hex()


def _result(ctx: DecodeContext, result: str) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": result})]


def _text_response(frame: bytes, r: Reader, ctx: DecodeContext, command: int) -> list[Record]:
    return _result(ctx, _text(r.bytes(r.remaining)).strip())


def _set_io_response(frame: bytes, r: Reader, ctx: DecodeContext, command: int) -> list[Record]:
    return _result(ctx, str(r.u8()))


def _dtcs(frame: bytes, r: Reader, ctx: DecodeContext, command: int) -> list[Record]:
    """Each trouble code comes with the time and place the device saw it (no altitude, speed
    or satellite count); source 2 marks one read back from the device's memory."""
    out = []
    for _ in range(r.u8()):
        r.skip(1)  # reserved
        ts = r.u32()
        start = r.pos
        r.skip(_DTC_POSITION.size)
        lon, lat = _DTC_POSITION.unpack_from(frame, start)
        archived = r.u8() == _DTC_ARCHIVED
        code = r.bytes(_DTC_SIZE)
        if not code.isascii():
            raise InvalidField(f"trouble code {code.hex()} is not ASCII")
        attributes: dict[str, Any] = {"dtcs": code.decode("ascii")}
        if archived:
            attributes["archive"] = True
        rec = Record(fix_time=_EPOCH + timedelta(seconds=ts), valid=True, attributes=attributes)
        _place(rec, lat, lon)
        out.append(rec)
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the last trouble code")
    return out


DECODERS: Final[dict[int, Decoder]] = {
    Command.RECORDS: _records,
    Command.EXTENDED_RECORDS: _records,
    Command.DTCS: _dtcs,
    Command.DEVICE_CONFIGURATION: _text_response,
    Command.DEVICE_VERSION: _text_response,
    Command.FIRMWARE_UPDATE: _text_response,
    Command.SMS_VIA_GPRS_RESPONSE: _text_response,
    Command.SET_IO: _set_io_response,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.command)
    if decoder is None:
        return []
    return decoder(frame, Reader(frame, env.start, env.end), ctx, env.command)
