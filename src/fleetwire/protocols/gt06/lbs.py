"""GT06 message types without a GPS fix: cell lists, WiFi scans, LBS alarms. The serving cell
(the first one listed) goes into the record; the neighbours and access points are counted, not
kept, since the record model has no place for them yet.

Layouts: Concox GT06 / GT03 / JM-VL03 / GK310 documents; the Wanway S20 and the CRC-less WiFi
frames from real captures (traccar Gt06ProtocolDecoderTest, used as data).
"""

from __future__ import annotations

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .constants import MessageType as M
from .framing import Envelope

_CELLS = 7  # cells listed by the multi-LBS types, serving cell first
_CELLS_OF: dict[int, int] = {M.WIFI_5: 6}
_WITH_WIFI = frozenset({M.LBS_EXTEND, M.LBS_WIFI, M.WIFI_4G, M.WIFI_5})
_CELL_SIZES: dict[int, tuple[int, int]] = {
    M.LBS_MULTI_4G: (4, 8),
    M.WIFI_4G: (4, 8),
    M.WIFI_5: (2, 4),
}  # LAC, CI bytes


def _serving(attrs: Attributes, mcc: int, mnc: int, lac: int, cid: int) -> None:
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _cell_list(r: Reader, attrs: Attributes, proto: int, count: int) -> None:
    """MCC, MNC (2 bytes when MCC bit 15 is set), then ``count`` x (LAC, CI, signal)."""
    mcc = r.u16()
    mnc = r.u16() if mcc & 0x8000 else r.u8()
    lac_size, cid_size = _CELL_SIZES.get(proto, (2, 3))
    for i in range(count):
        lac, cid = r.uint(lac_size), r.uint(cid_size)
        r.skip(1)  # signal
        if i == 0:
            _serving(attrs, mcc & 0x7FFF, mnc, lac, cid)


def lbs_multi(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x18 / 0x28 / 0x2C / 0x2E / 0xA1 / 0xA2 / 0x33: date-time, MCC/MNC, 7 (6) cells, timing
    advance[, WiFi count and access points]."""
    rec = Record(fix_time=blocks.time(r, ctx), kind=RecordKind.STATUS)
    _cell_list(r, rec.attributes, env.protocol, _CELLS_OF.get(env.protocol, _CELLS))
    if r.remaining:
        r.skip(1)  # timing advance
    if env.protocol in _WITH_WIFI and r.remaining:
        count = r.u8()
        if count:
            rec.attributes["wifiCount"] = count
    return [rec]


def lbs_counted(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x24 with length 0x31 (Wanway S20): date-time, timing advance, MCC/MNC, cell count,
    cells."""
    rec = Record(fix_time=blocks.time(r, ctx), kind=RecordKind.STATUS)
    r.skip(1)
    mcc = r.u16()
    mnc = r.u16() if mcc & 0x8000 else r.u8()
    if r.u8():
        _serving(rec.attributes, mcc & 0x7FFF, mnc, r.u16(), r.u24())
    return [rec]


def lbs_status(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x19 (13-byte layout): serving cell and status block, no time of its own. Longer 0x19
    frames (Space10X) are multi-cell lists without a documented layout: no record."""
    if r.remaining != 13:
        return []
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    blocks.cell(r, rec.attributes)
    blocks.status_block(r, rec.attributes)
    return [rec]


def lbs_alarm_4g(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xA5: 4G cell (4-byte LAC, 8-byte id), status block; no time of its own."""
    rec = Record(fix_time=ctx.received, kind=RecordKind.EVENT)
    blocks.cell(r, rec.attributes, wide=True)
    blocks.status_block(r, rec.attributes)
    return [rec]


def lbs_address_4g(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xA7: 4G cell, then the phone number asking for an address (not kept)."""
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    blocks.cell(r, rec.attributes, wide=True)
    return [rec]


def wifi_counted(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x17 / 0x69 GT03-style (no serial, no CRC; the length byte is the WiFi count): BCD
    date-time, access points (MAC 6, signal 1), cell count, MCC, MNC, cells (LAC 2, CI 2,
    signal 1)."""
    rec = Record(fix_time=blocks.bcd_time(r, ctx), kind=RecordKind.STATUS)
    attrs = rec.attributes
    r.skip(env.length * 7)
    cells = r.u8()
    mcc, mnc = r.u16(), r.u8()
    if cells:
        _serving(attrs, mcc, mnc, r.u16(), r.u16())
    if env.length:
        attrs["wifiCount"] = env.length
    return [rec]


def wifi_only(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xF3: date-time, access point count, access points (2 reserved bytes, MAC); no cells."""
    rec = Record(fix_time=blocks.time(r, ctx), kind=RecordKind.STATUS)
    count = r.u8()
    r.skip(count * 8)
    rec.attributes["wifiCount"] = count
    return [rec]
