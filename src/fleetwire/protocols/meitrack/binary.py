"""Meitrack binary batches: CCC (fixed-layout packets) and CCE (typed id/value packets).

Both are little-endian. CCC: protocol version(2), packet length(2), records left in the device's
cache(4), then packets of that length (T622 GPRS protocol 3.45). CCE: records left in the cache(4),
packet count(2), then per packet its length(2), parameter count(2) and four groups (1-, 2-, 4-byte
values, then sized values), each a count(1) and id/value pairs. Knows the layouts and the id table,
nothing about the envelope or replies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, EPOCH_2000

_COORD = 1_000_000
# CCC packet prefix decoded here; its tail (I/O and analog words) is model-specific and skipped.
_CCC_PREFIX: Final = 40
_EXTENDED_ID: Final = 0xFE  # an id byte 0xFE is followed by a second id byte (0xFEnn ids)


def le(r: Reader, size: int) -> int:
    return int.from_bytes(r.bytes(size), "little")


def le_signed(r: Reader, size: int) -> int:
    return int.from_bytes(r.bytes(size), "little", signed=True)


def time_2000(seconds: int) -> datetime:
    return EPOCH_2000 + timedelta(seconds=seconds)


def _coords(rec: Record, lat: int, lon: int) -> None:
    la, lo = lat / _COORD, lon / _COORD
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise InvalidField(f"position out of range: {la} {lo}")
    if rec.valid or lat or lon:
        rec.latitude, rec.longitude = la, lo


def _event(rec: Record, code: int) -> None:
    rec.attributes["event"] = code
    alarm = ALARMS.get(code)
    if alarm:
        rec.attributes["alarm"] = alarm
        rec.kind = RecordKind.EVENT


def _finish(rec: Record) -> Record:
    if (rec.speed or 0) >= 1000 or (rec.satellites or 0) >= 100:
        raise InvalidField(f"speed {rec.speed} or satellites {rec.satellites} out of range")
    if rec.kind is RecordKind.POSITION and not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec


# --- CCC ----------------------------------------------------------------------------------------


def _ccc_packet(r: Reader) -> Record:
    code = r.u8()
    lat, lon = le_signed(r, 4), le_signed(r, 4)
    rec = Record(fix_time=time_2000(le(r, 4)))
    rec.valid = r.u8() == 1
    rec.satellites = r.u8()
    a = rec.attributes
    a["rssi"] = r.u8()
    rec.speed = float(le(r, 2))
    rec.course = float(le(r, 2))
    a["hdop"] = le(r, 2) / 10
    rec.altitude = float(le_signed(r, 2))
    a["odometer"] = le(r, 4)
    a["hours"] = le(r, 4) * 1000
    a.update(mcc=le(r, 2), mnc=le(r, 2), lac=le(r, 2), cid=le(r, 2))
    if rec.course > 360:
        raise InvalidField(f"course {rec.course}")
    _coords(rec, lat, lon)
    _event(rec, code)
    return _finish(rec)


def decode_ccc(data: memoryview, ctx: DecodeContext) -> list[Record]:
    r = Reader(data)
    r.skip(2)  # protocol version
    size = le(r, 2)
    r.skip(4)  # records left in the cache
    if size < _CCC_PREFIX:
        raise InvalidField(f"CCC packet length {size} is below the {_CCC_PREFIX}-byte prefix")
    if r.remaining % size:
        raise InvalidField(f"{r.remaining} bytes of CCC packets of {size}")
    records = []
    while r.remaining:
        end = r.pos + size
        records.append(_ccc_packet(Reader(data, r.pos, end)))
        r.pos = end
    return records


def ccc_count(data: memoryview) -> int:
    """Packets in a CCC batch, from its header only (for the reply and counters)."""
    if len(data) < 8:
        raise InvalidField("CCC header too short")
    size = data[2] | data[3] << 8
    if size < _CCC_PREFIX:
        raise InvalidField(f"CCC packet length {size}")
    return (len(data) - 8) // size


# --- CCE ----------------------------------------------------------------------------------------

Setter = Callable[[Record, int], None]


def _set_attr(key: str, scale: float = 1) -> Setter:
    def setter(rec: Record, value: int) -> None:
        rec.attributes[key] = value / scale if scale != 1 else value

    return setter


def _set_valid(rec: Record, value: int) -> None:
    rec.valid = value == 1


def _set_sats(rec: Record, value: int) -> None:
    rec.satellites = value


def _set_speed(rec: Record, value: int) -> None:
    rec.speed = float(value)


def _set_course(rec: Record, value: int) -> None:
    if value > 360:
        raise InvalidField(f"course {value}")
    rec.course = float(value)


def _set_altitude(rec: Record, value: int) -> None:
    rec.altitude = float(value - 0x10000 if value & 0x8000 else value)


def _set_hours(rec: Record, value: int) -> None:
    rec.attributes["hours"] = value * 1000


def _set_io(key: str) -> Setter:
    """An input or output port word: the bitmask and one in<N>/out<N> per bit."""

    def setter(rec: Record, value: int) -> None:
        rec.attributes[key] = value
        prefix = "in" if key == "input" else "out"
        for bit in range(8):
            rec.attributes[f"{prefix}{bit + 1}"] = bool(value >> bit & 1)

    return setter


# Parameter ids of the T1/T333/T366 GPRS protocol documents ("1.2 Tracker Command Format", CCE),
# each checked against captured batches. 0x40 carries the event code as two bytes (captures show
# 1, 22, 35 and 90 there); 0x01 is its one-byte form.
CCE_FIXED: Final[dict[int, Setter]] = {
    0x01: _event,
    0x05: _set_valid,
    0x06: _set_sats,
    0x07: _set_attr("rssi"),
    0x08: _set_speed,
    0x09: _set_course,
    0x0A: _set_attr("hdop", 10),
    0x0B: _set_altitude,
    0x0C: _set_attr("odometer"),
    0x0D: _set_hours,
    0x14: _set_io("output"),
    0x15: _set_io("input"),
    0x16: _set_attr("adc1"),
    0x17: _set_attr("adc2"),
    0x18: _set_attr("adc3"),
    0x19: _set_attr("battery", 100),
    0x1A: _set_attr("power", 100),
    0x40: _event,
}
_LAT, _LON, _TIME, _CELL = 0x02, 0x03, 0x04, 0x0E


def _cell(rec: Record, raw: bytes) -> None:
    """MCC(2) MNC(2) LAC(2) CI(4), little-endian; some firmware appends a signal word."""
    if len(raw) >= 10:
        r = Reader(raw)
        mcc, mnc, lac, cid = le(r, 2), le(r, 2), le(r, 2), le(r, 4)
        if mcc or lac or cid:
            rec.attributes.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _param_id(r: Reader) -> int:
    pid = r.u8()
    return pid << 8 | r.u8() if pid == _EXTENDED_ID else pid


def _cce_packet(r: Reader, ctx: DecodeContext) -> Record:
    rec = Record(fix_time=ctx.received)
    values: dict[int, Any] = {}
    r.skip(2)  # parameter count: the four group counts below say the same
    for size in (1, 2, 4):
        for _ in range(r.u8()):
            pid = _param_id(r)
            values[pid] = le(r, size)
    for _ in range(r.u8()):
        pid = _param_id(r)
        values[pid] = r.bytes(r.u8())
    lat = values.pop(_LAT, None)
    lon = values.pop(_LON, None)
    seconds = values.pop(_TIME, None)
    for pid, value in values.items():
        setter = CCE_FIXED.get(pid) if isinstance(value, int) else None
        if setter is not None:
            setter(rec, value)
        elif pid == _CELL and isinstance(value, bytes):
            _cell(rec, value)
        else:
            rec.attributes[f"io{pid}"] = value.hex() if isinstance(value, bytes) else value
    if seconds is not None:
        rec.fix_time = time_2000(seconds)
    if lat is not None and lon is not None:
        _coords(rec, _signed32(lat), _signed32(lon))
    return _finish(rec)


def _signed32(v: int) -> int:
    return v - (1 << 32) if v & 0x80000000 else v


def decode_cce(data: memoryview, ctx: DecodeContext) -> list[Record]:
    r = Reader(data)
    r.skip(4)  # records left in the cache
    records = []
    for _ in range(le(r, 2)):
        size = le(r, 2)
        end = r.pos + size
        if end > len(data):
            raise InvalidField(f"CCE packet of {size} bytes overruns the batch")
        records.append(_cce_packet(Reader(data, r.pos, end), ctx))
        r.pos = end
    return records


def cce_count(data: memoryview) -> int:
    if len(data) < 6:
        raise InvalidField("CCE header too short")
    return data[4] | data[5] << 8
