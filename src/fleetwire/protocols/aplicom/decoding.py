"""Aplicom packets -> Records: one record per packet.

D packets: the fields the selector names, read in the order of constants.Sel. Newer firmware
(version 3) appends fields after the known ones; they are left unread rather than guessed.
Event-specific data (selector bit 12) and the CAN block that may follow it are kept in the raw
log, not decoded: their layouts per event are in the unreadable part of the vendor document.
E packets (tachograph) give a status record with the event, the snapshot time and the
tachograph's fields (tachograph.py); F and H packets (CAN and histogram data) one with the event
and the time, their bodies kept for replay, their layouts being in the unread document too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import tachograph
from .constants import E_TACHO_EVENT, GPS_VALID, MICRODEGREES, PacketType, Sel
from .framing import Header, open_header, split

_MAX_SPEED = 250  # km/h: the byte allows 255; more than this is a broken field


def _time(seconds: int) -> datetime | None:
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def _decode_d(r: Reader, head: Header, ctx: DecodeContext, a: dict[str, Any]) -> Record:
    sel = head.selector
    valid_flags = r.u8() if sel & Sel.GPS else 0
    snapshot = _time(r.u32()) if sel & Sel.TIME else None
    rec = Record(fix_time=snapshot or ctx.received, kind=RecordKind.STATUS, attributes=a)
    if sel & Sel.GPS:
        fix, lat, lon, sats = r.u32(), r.i32(), r.i32(), r.u8()
        if abs(lat) > 90 * MICRODEGREES or abs(lon) > 180 * MICRODEGREES:
            raise InvalidField(f"position out of range: {lat} {lon}")
        if fix and (lat or lon):
            rec.kind = RecordKind.POSITION
            rec.fix_time = _time(fix) or rec.fix_time
            rec.valid = bool(valid_flags & GPS_VALID)
            rec.latitude, rec.longitude = lat / MICRODEGREES, lon / MICRODEGREES
            rec.satellites = sats
    if sel & Sel.SPEED:
        speed, top, course = r.u8(), r.u8(), r.u8()
        if speed > _MAX_SPEED or course > 180:
            raise InvalidField(f"speed {speed} or course {course * 2} out of range")
        a["maxSpeed"] = top
        if rec.has_position:
            rec.speed, rec.course = float(speed), course * 2.0
    if sel & Sel.IO:
        a["input"] = r.u8()
    if sel & Sel.ADC:
        for i in range(1, 5):
            a[f"adc{i}"] = r.u16()
    if sel & Sel.POWER:
        a["power"], a["battery"] = r.u16() / 1000, r.u16() / 1000
    for bit, n in ((Sel.PULSE1, 1), (Sel.PULSE2, 2)):
        if sel & bit:
            a[f"pulseRate{n}"], a[f"count{n}"] = r.u16(), r.u32()
    if sel & Sel.TRIP1:
        a["trip1"] = r.u32()
    if sel & Sel.TRIP2:
        a["trip2"] = r.u32()
    if sel & Sel.IO:
        a["output"] = r.u8()
    if sel & Sel.DRIVER:
        driver = r.u16() << 32 | r.u32()
        if driver:
            a["driverUniqueId"] = str(driver)
    if sel & Sel.KEYPAD:
        a["keypad"] = r.u8()
    if sel & Sel.ALTITUDE:
        altitude = r.i16()
        if rec.has_position:
            rec.altitude = float(altitude)
    return rec


def _decode_other(r: Reader, head: Header, ctx: DecodeContext, a: dict[str, Any]) -> Record:
    tacho = head.type == PacketType.E
    if tacho and head.selector & E_TACHO_EVENT:
        a["tachographEvent"] = r.u16()
    snapshot = _time(r.u32()) if head.selector & Sel.TIME else None
    if tacho:
        tachograph.read(r, head.selector, a)
    return Record(fix_time=snapshot or ctx.received, kind=RecordKind.STATUS, attributes=a)


def _decode_packet(frame: bytes, ctx: DecodeContext) -> Record:
    head = open_header(frame)
    r = Reader(frame, head.data_start, head.size)
    a: dict[str, Any] = {"event": r.u8(), "eventInfo": r.u8()}
    if head.type == PacketType.D:
        return _decode_d(r, head, ctx, a)
    return _decode_other(r, head, ctx, a)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    return [_decode_packet(p, ctx) for p in split(frame)]
