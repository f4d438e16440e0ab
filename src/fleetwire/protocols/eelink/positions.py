"""The Eelink position blocks: the V1.8 fixed block and the V2.0 masked POSITION, and the
status word both generations share.

Owns the field layouts and their mapping to the Record's fixed fields and cell attributes.
Knows nothing about package types (decoding.py composes these).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record
from fleetwire.protocols._binary import Reader

from .constants import STATUS_FIX, STATUS_FLAGS

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_SCALE: Final = 1_800_000  # minutes x 30000
_MASK_GPS: Final = 0x01
_MASK_CELL: Final = 0x02
_MASK_NEIGHBOURS: Final = (0x04, 0x08)
_MASK_WIFI: Final = (0x10, 0x20, 0x40)
_MASK_UNKNOWN: Final = 0x80
_NEIGHBOUR_SIZE: Final = 2 + 4 + 1  # LAC, CI, RxLev
_WIFI_SIZE: Final = 6 + 1  # BSSID, RSSI


def time(r: Reader) -> datetime:
    return _EPOCH + timedelta(seconds=r.u32())


def _coordinates(rec: Record, lat_raw: int, lon_raw: int, speed: int, course: int) -> None:
    lat, lon = lat_raw / _SCALE, lon_raw / _SCALE
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and course <= 360):
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")
    rec.latitude, rec.longitude = lat, lon
    rec.speed, rec.course = float(speed), float(course)


def _cell(attrs: Attributes, mcc: int, mnc: int, lac: int, cid: int) -> None:
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def old_position(r: Reader, rec: Record) -> None:
    """V1.8: time, lat, lon, speed (1), course, MCC, MNC, LAC, CI (3), validity (bit 0)."""
    rec.fix_time = time(r)
    lat, lon = r.i32(), r.i32()
    speed, course = r.u8(), r.u16()
    _cell(rec.attributes, r.u16(), r.u16(), r.u16(), r.u24())
    rec.valid = bool(r.u8() & 0x01)
    if rec.valid or lat or lon:  # zeros without a fix: no position at all, not (0, 0)
        _coordinates(rec, lat, lon, speed, course)


def new_position(r: Reader, rec: Record) -> None:
    """V2.0 POSITION: time, mask, then the blocks the mask announces."""
    rec.fix_time = time(r)
    mask = r.u8()
    if mask & _MASK_UNKNOWN:
        raise InvalidField(f"position mask {mask:02x} announces an unknown block")
    if mask & _MASK_GPS:
        lat, lon = r.i32(), r.i32()
        rec.altitude = float(r.i16())
        speed, course = r.u16(), r.u16()
        _coordinates(rec, lat, lon, speed, course)
        rec.satellites = r.u8()
        rec.valid = True
    if mask & _MASK_CELL:
        _cell(rec.attributes, r.u16(), r.u16(), r.u16(), r.u32())
        rec.attributes["rssi"] = r.u8()
    for bit in (*_MASK_NEIGHBOURS, *_MASK_WIFI):
        if mask & bit:  # neighbour cells and Wi-Fi access points: not kept
            r.skip(_NEIGHBOUR_SIZE if bit in _MASK_NEIGHBOURS else _WIFI_SIZE)


def status(value: int, rec: Record) -> None:
    """The status word: each feature the device has (its "supported" bit) gives its state."""
    attrs = rec.attributes
    attrs["status"] = value
    for supported, state, name in STATUS_FLAGS:
        if value & supported:
            attrs[name] = bool(value & state)
    if rec.has_position and not value & STATUS_FIX:
        rec.valid = False
