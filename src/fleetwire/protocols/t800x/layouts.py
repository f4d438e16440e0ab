"""The T880x location record layouts (vehicle ##/%% in two forms, OBD &&, asset ''), content
to Record.

Owns the field offsets (from the vendor's protocol document and public codec, checked against
the captures in the tests) and the field encodings: BCD date-time (UTC), little-endian float
altitude/longitude/latitude, BCD speed ``SSS.S`` km/h, BCD battery percent (``00`` is 100).
Knows nothing about envelopes or replies.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final, NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind

from .constants import (
    ALARMS,
    LAYOUT_ASSET,
    LAYOUT_OBD,
    LAYOUT_VEHICLE,
    LAYOUT_VEHICLE_2,
)

_FLOATS: Final = struct.Struct("<fff")  # altitude, longitude, latitude
_NO_FIX: Final = b"\xff" * 16
_VALID: Final = 0x40
_HISTORY: Final = 0x80
_GPS_SLEEPING: Final = 0x20
_SATS: Final = 0x1F
_IGNITION: Final = 0x4000  # digital I/O word, vehicle and OBD families
_ASSET_IGNITION: Final = 0x04  # status word, asset family


class Offsets(NamedTuple):
    flags: int
    alarm: int
    date: int
    floats: int  # altitude, longitude, latitude
    speed: int
    azimuth: int
    battery: int
    mileage: int
    size: int  # content bytes the layout needs


OFFSETS: Final[dict[str, Offsets]] = {
    LAYOUT_VEHICLE: Offsets(9, 22, 29, 35, 47, 49, 28, 24, 51),
    # 0x13/0x14: an output byte and a reserved one after the I/O word, five analog inputs
    LAYOUT_VEHICLE_2: Offsets(9, 30, 37, 43, 55, 57, 36, 32, 59),
    LAYOUT_OBD: Offsets(9, 18, 25, 31, 49, 45, 24, 20, 51),
    LAYOUT_ASSET: Offsets(0, 1, 2, 8, 20, 22, 29, 34, 40),
}


def alarm_code(layout: str, content: bytes) -> int:
    o = OFFSETS[layout]
    if len(content) < o.size:
        raise TruncatedFrame(f"{len(content)}-byte {layout} record")
    return content[o.alarm]


def _bcd_digits(raw: bytes) -> str | None:
    text = raw.hex()
    return text if text.isdigit() else None


def date_time(raw: bytes) -> datetime:
    text = _bcd_digits(raw)
    try:
        if text is None:
            raise ValueError(raw.hex())
        return datetime.strptime("20" + text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e


def _speed(raw: bytes) -> float | None:
    """``0116`` is 11.6 km/h; ``ffff`` is no speed."""
    text = _bcd_digits(raw)
    return None if text is None else int(text) / 10


def _battery(raw: int, attrs: Attributes) -> None:
    text = _bcd_digits(bytes((raw,)))
    if text is not None:
        attrs["batteryLevel"] = int(text) or 100  # 00 stands for a full battery


def _bcd_scaled(raw: bytes, scale: float) -> float | None:
    text = _bcd_digits(raw)
    return None if text is None else int(text) / scale


def _common(layout: str, c: bytes) -> Record:
    o = OFFSETS[layout]
    if len(c) < o.size:
        raise TruncatedFrame(f"{len(c)}-byte {layout} record")
    flags, code = c[o.flags], c[o.alarm]
    rec = Record(fix_time=date_time(c[o.date : o.date + 6]))
    a = rec.attributes
    alarm = ALARMS.get(code)
    if alarm:
        rec.kind = RecordKind.EVENT
        a["alarm"] = alarm
    if code:
        a["event"] = code
    a["archive"] = bool(flags & _HISTORY)  # re-sent from the device's memory
    rec.satellites = flags & _SATS
    block = c[o.floats : o.floats + 16]
    if flags & _VALID and block != _NO_FIX:
        altitude, lon, lat = _FLOATS.unpack_from(c, o.floats)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # NaN fails here too
            raise InvalidField(f"position out of range: {lat} {lon}")
        azimuth = int.from_bytes(c[o.azimuth : o.azimuth + 2], "big")
        if azimuth > 360:
            raise InvalidField(f"azimuth {azimuth}")
        rec.valid = True
        # float32 carries ~7 significant digits: more decimals would be noise
        rec.latitude, rec.longitude = round(lat, 6), round(lon, 6)
        rec.altitude = round(altitude, 2) if math.isfinite(altitude) else None
        rec.speed = _speed(c[o.speed : o.speed + 2])
        rec.course = float(azimuth)
    elif rec.kind is RecordKind.POSITION:
        rec.kind = RecordKind.STATUS  # a cell-tower block stands where the fix would be
    _battery(c[o.battery], a)
    a["odometer"] = int.from_bytes(c[o.mileage : o.mileage + 4], "big")  # metres
    return rec


def _vehicle_io(layout: str, c: bytes, adc_from: int, adcs: int) -> Record:
    """The record with the I/O word and the analog inputs (BCD "VV.VV" volts, ffff: none)."""
    rec = _common(layout, c)
    a = rec.attributes
    iop = int.from_bytes(c[16:18], "big")
    a["ignition"] = bool(iop & _IGNITION)
    a["input"] = iop
    for i in range(adcs):
        volts = _bcd_scaled(c[adc_from + 2 * i : adc_from + 2 * i + 2], 100)
        if volts is not None:
            a[f"adc{i + 1}"] = volts
    return rec


def _vehicle(c: bytes) -> Record:
    rec = _vehicle_io(LAYOUT_VEHICLE, c, 18, 2)
    a = rec.attributes
    if len(c) >= 53:  # external power, newer firmware only
        power = _bcd_scaled(c[51:53], 100)
        if power is not None:
            a["power"] = power
    return rec


def _vehicle_2(c: bytes) -> Record:
    rec = _vehicle_io(LAYOUT_VEHICLE_2, c, 20, 5)
    rec.attributes["output"] = c[18]
    return rec


def _obd(c: bytes) -> Record:
    rec = _common(LAYOUT_OBD, c)
    a = rec.attributes
    iop = int.from_bytes(c[16:18], "big")
    a["ignition"] = bool(iop & _IGNITION)
    a["input"] = iop
    power = _bcd_scaled(c[47:49], 100)
    if power is not None:
        a["power"] = power
    if len(c) >= 64:
        rpm = int.from_bytes(c[59:61], "big")
        if rpm != 0xFFFF:
            a["rpm"] = rpm
        if c[63] != 0xFF:
            a["coolantTemp"] = c[63] - 40
    return rec


def _asset(c: bytes) -> Record:
    rec = _common(LAYOUT_ASSET, c)
    a = rec.attributes
    if c[30] != 0xFF:
        a["deviceTemp"] = (c[30] & 0x7F) * (-1 if c[30] & 0x80 else 1)
    battery = _bcd_scaled(c[32:33], 10)
    if battery is not None:
        a["battery"] = battery
    status = int.from_bytes(c[38:40], "big")
    a["ignition"] = bool(status & _ASSET_IGNITION)
    return rec


PARSERS: Final[dict[str, Callable[[bytes], Record]]] = {
    LAYOUT_VEHICLE: _vehicle,
    LAYOUT_VEHICLE_2: _vehicle_2,
    LAYOUT_OBD: _obd,
    LAYOUT_ASSET: _asset,
}
