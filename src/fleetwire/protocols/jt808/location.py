"""Location bodies: the 28-byte basic information and its additional items (0x0200), the
answer to a position query (0x0201), the batch uploads (0x0704 with 2-byte lengths, the
vendor 0x0210 with 1-byte lengths). Item meanings live in items.py."""

from __future__ import annotations

from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import models
from .blocks import device_time
from .constants import (
    ALARM_BITS,
    STATUS_ACC,
    STATUS_OIL_CUT,
    STATUS_POSITIONED,
    STATUS_SOUTH,
    STATUS_WEST,
)
from .framing import Envelope
from .items import decode_items

_COORD_SCALE: Final = 1_000_000
_MAX_SPEED: Final = 999.9  # km/h; a 16-bit tenth beyond this is a broken field
_BASIC: Final = 28
_BATCH_BLIND_AREA: Final = 1  # 0x0704 type 1: stored while out of coverage, sent late


def _alarms(flags: int, ctx: DecodeContext) -> str | None:
    names: list[str] = []
    overrides = models.alarm_bits(ctx)
    for bit, standard in ALARM_BITS.items():
        name = overrides.get(bit, standard)
        if flags >> bit & 1 and name not in names:
            names.append(name)
    return ",".join(names) or None


def location(data: bytes, start: int, end: int, ctx: DecodeContext) -> Record:
    """The basic information at ``start``, then additional items up to ``end``."""
    r = Reader(data, start, end)
    alarm, status = r.u32(), r.u32()
    lat, lon = r.u32() / _COORD_SCALE, r.u32() / _COORD_SCALE
    # altitude is read signed (below sea level exists; the standard's WORD would make the same
    # values tens of kilometres high): past -1,000 m it is the device's error (sanity rules)
    altitude, speed, course = r.i16(), r.u16() / 10, r.u16()
    if lat > 90 or lon > 180 or course > 360 or speed > _MAX_SPEED:
        raise InvalidField(f"out of range: lat {lat} lon {lon} course {course} speed {speed}")
    rec = Record(fix_time=device_time(r.bytes(6), ctx), valid=bool(status & STATUS_POSITIONED))
    if lat or lon:  # zeros, fix flag or not (Jt808 capture #14): no position, not (0, 0)
        rec.latitude = -lat if status & STATUS_SOUTH else lat
        rec.longitude = -lon if status & STATUS_WEST else lon
        rec.altitude = float(altitude)
        rec.speed = speed
        rec.course = float(course)
    attrs = rec.attributes
    attrs["status"] = status
    attrs["ignition"] = bool(status & STATUS_ACC)
    attrs["blocked"] = bool(status & STATUS_OIL_CUT)
    models.status(ctx, status, rec)
    names = _alarms(alarm, ctx)
    if names:
        attrs["alarm"] = names
    decode_items(data, start + _BASIC, end, rec, models.items(ctx))
    if "alarm" in attrs:  # the basic alarm word's or a vendor item's
        rec.kind = RecordKind.EVENT
    elif not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec


def report(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0200."""
    return [location(env.data, env.start, env.end, ctx)]


def answer(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0201: the serial of our 0x8201 query, then a location report body."""
    return [location(env.data, env.start + 2, env.end, ctx)]


def batch(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0704: count(2), type(1: blind-area back-fill), then count x {length(2), 0x0200 body}."""
    r = Reader(env.data, env.start, env.end)
    count, kind = r.u16(), r.u8()
    records: list[Record] = []
    for _ in range(count):
        size = r.u16()
        start = r.pos
        r.skip(size)
        rec = location(env.data, start, start + size, ctx)
        rec.attributes["archive"] = kind == _BATCH_BLIND_AREA
        records.append(rec)
    return records


_BATTERY_REPORT: Final = 7  # battery percent(1) + time(6)


def batch_short(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0210, two vendor uses: a batch of {length(1), 0x0200 body} to the end of the body, no
    count (capture #41); or, 7 bytes, battery percent(1) and time(6) (Jt808 capture #15)."""
    r = Reader(env.data, env.start, env.end)
    if r.remaining == _BATTERY_REPORT and env.data[env.start] + 1 != _BATTERY_REPORT:
        level = r.u8()
        rec = Record(fix_time=device_time(r.bytes(6), ctx), kind=RecordKind.STATUS)
        rec.attributes["batteryLevel"] = level
        return [rec]
    records: list[Record] = []
    while r.remaining:
        size = r.u8()
        start = r.pos
        r.skip(size)
        records.append(location(env.data, start, start + size, ctx))
    return records
