"""Topin frames to Records: one small decoder per message number, found through a table.

GPS (0x10 online, 0x11 offline) carry GT06's date-time and GPS blocks (the gt06 package reads
them: one implementation of the same layout); status (0x13) the battery level and firmware;
WiFi/cell (0x17 offline, 0x69 online) a BCD date-time, the access points and the serving cells.
A heartbeat (0x08) carries a fix only from some firmware; login and time requests carry no
record. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.gt06 import blocks

from .constants import CELL_ENTRY, WIFI_ENTRY, Message
from .framing import Envelope, open_frame

Decoder = Callable[[Envelope, DecodeContext], list[Record]]
FIX_HEARTBEAT = 6 + 16  # date-time and two coordinate pairs


def _gps(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """date-time(6, binary) satellites(1) lat(4) lon(4) speed(1) course/status(2); V1.2 adds
    bytes (altitude) after them, which the captures do not settle."""
    r = Reader(env.content)
    rec = Record(fix_time=blocks.time(r, ctx))
    blocks.gps(r, rec)
    if env.protocol == Message.GPS_OFFLINE:
        rec.attributes["archive"] = True
    if not rec.has_position:
        rec.kind = RecordKind.STATUS
    return [rec]


def _degrees(r: Reader, limit: int) -> float:
    """Whole degrees (1 byte) and millionths of a degree (3 bytes)."""
    value = r.u8() + r.u24() / 1_000_000
    if value > limit:
        raise InvalidField(f"coordinate {value} out of range")
    return value


def _heartbeat(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x08 is a bare keep-alive, except from firmware that puts a fix in it (captured in
    traccar TopinProtocolDecoderTest: Shenzhen and Paris units): date-time(6, binary), then
    latitude and longitude as degree + millionths (4 bytes each), twice, and status bytes
    whose meaning the captures do not settle. The first pair is read; no hemisphere is sent,
    so north and east are taken, as both captures are."""
    if len(env.content) < FIX_HEARTBEAT:
        return []
    r = Reader(env.content)
    fix_time = blocks.time(r, ctx)
    lat, lon = _degrees(r, 90), _degrees(r, 180)
    return [Record(fix_time=fix_time, valid=True, latitude=lat, longitude=lon)]


def _status(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """battery level %(1) software version(1) time zone(1) upload interval(1) ..."""
    r = Reader(env.content)
    battery = r.u8()
    version = r.u8()
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    if battery <= 100:
        rec.attributes["batteryLevel"] = battery
    rec.attributes["versionFw"] = str(version)
    return [rec]


def _wifi(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """BCD date-time(6), WiFi x (MAC 6, signal 1) (the count is the length byte), cell count,
    MCC(2) MNC(1), cells x (LAC 2, CI 2, signal 1): a status record with the serving cell."""
    r = Reader(env.content)
    rec = Record(fix_time=blocks.bcd_time(r, ctx), kind=RecordKind.STATUS)
    r.skip(env.length * WIFI_ENTRY)
    cells = r.u8()
    mcc, mnc = r.u16(), r.u8()
    if cells:
        lac, cid = r.u16(), r.u16()
        r.skip(1 + (cells - 1) * CELL_ENTRY)
        if mcc or lac or cid:
            rec.attributes.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)
    if env.protocol == Message.WIFI_OFFLINE:
        rec.attributes["archive"] = True
    return [rec]


DECODERS: dict[int, Decoder] = {
    Message.HEARTBEAT: _heartbeat,
    Message.GPS: _gps,
    Message.GPS_OFFLINE: _gps,
    Message.STATUS: _status,
    Message.WIFI_OFFLINE: _wifi,
    Message.WIFI: _wifi,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.protocol)
    return decoder(env, ctx) if decoder is not None else []
