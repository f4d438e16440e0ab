"""HuaSheng frames to Records: the position (0xAA00) with its items (VIN, engine hours), the
DTC report (0xAA12); the login and identification requests carry no record, other types
decode to nothing. Knows nothing about answers (inspect.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import HOURS_UNIT_MS, SCALE, STATUS_FIX, Item, Type
from .framing import Envelope, items, open_frame

Decoder = Callable[[Envelope, DecodeContext], list[Record]]
_DTC_LETTERS = "PCBU"


def _time(text: bytes, ctx: DecodeContext) -> datetime | None:
    """ASCII YYMMDDhhmmss; a clock that was never set (19700101...) is no time at all."""
    try:
        t = datetime.strptime(text.decode("ascii"), "%y%m%d%H%M%S").replace(tzinfo=UTC)
    except (UnicodeDecodeError, ValueError):
        if text.isdigit():
            return None
        raise InvalidField(f"bad time {text!r}") from None
    return device_clock_to_utc(t, ctx)


def _position(env: Envelope, ctx: DecodeContext) -> list[Record]:
    r = Reader(env.content)
    status = r.u16()
    r.skip(2)
    when = _time(r.bytes(12), ctx)
    lon, lat = r.i32() / SCALE, r.i32() / SCALE
    speed, course, altitude = r.u16(), r.u16(), r.i16()
    r.skip(2)
    rec = Record(fix_time=when or ctx.received, valid=bool(status & STATUS_FIX))
    if rec.valid or lat or lon:
        if abs(lat) > 90 or abs(lon) > 180 or course > 360:
            raise InvalidField(f"position out of range: {lat} {lon} course {course}")
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course, rec.altitude = float(speed), float(course % 360), float(altitude)
    else:
        rec.kind = RecordKind.STATUS
    found = items(env.content[r.pos :])
    vin = found.get(Item.VIN, b"").rstrip(b"\x00")
    if vin and vin.isascii() and vin.decode().isalnum():
        rec.attributes["vin"] = vin.decode()
    hours = found.get(Item.HOURS)
    if hours is not None and len(hours) == 4:
        rec.attributes["hours"] = int.from_bytes(hours, "big") * HOURS_UNIT_MS
    return [rec]


def _dtc(env: Envelope, ctx: DecodeContext) -> list[Record]:
    codes = []
    for value in items(env.content).values():
        for i in range(0, len(value) - 1, 2):
            code = int.from_bytes(value[i : i + 2], "big")
            codes.append(f"{_DTC_LETTERS[code >> 14]}{code >> 12 & 3}{code & 0xFFF:03X}")
    rec = Record(ctx.received, RecordKind.STATUS)
    if codes:
        rec.attributes["dtcs"] = " ".join(codes)
    return [rec]


DECODERS: dict[int, Decoder] = {Type.POSITION: _position, Type.DTC: _dtc}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.type)
    return decoder(env, ctx) if decoder is not None else []
