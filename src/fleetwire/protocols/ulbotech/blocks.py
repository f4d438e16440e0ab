"""Binary data blocks -> the fields and attributes of the frame's one record.

Owns the block walk (id, length, data; three blocks have a 16-bit length and three keep the
length in the low nibble) and one small decoder per block id, dispatched through BLOCKS. Blocks
without a decoder (geofence, J1939, J1708, trip, iBeacon ...) are stepped over.
Layouts and scales: the vendor decoder tool (see constants.py); checked on real captures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.protocols._binary import Reader

from . import obd
from .constants import (
    ADC_CELSIUS,
    ADC_FULL_SCALE,
    ADC_VOLTS,
    ALARM_BITS,
    EVENT_ALARM,
    EVENT_HARSH,
    HARSH_BITS,
    NIBBLE_LENGTH,
    STATUS_ACC,
    STATUS_IMMOBILISER,
    STATUS_MOVING,
    STATUS_ROAMING,
    WIDE_LENGTH,
    Block,
)

_GPS_SIZE: Final = 14  # latitude, longitude (1e-6 degree), speed (km/h), course, HDOP (x100)
_NO_HDOP: Final = 9999  # what devices send without a fix (and with the time's fix bit clear)
_MAX_SPEED: Final = 999  # km/h: more is a broken field, not a vehicle
_SERVING_CELL: Final = 11  # MCC, MNC, LAC, 32-bit CID, -dBm
_CELL: Final = 5  # LAC, 16-bit CID, -dBm, after MCC and MNC
_NO_MCC: Final = 0xFFFF
_ADC_CHANNELS: Final[dict[int, tuple[str, tuple[float, float]]]] = {
    0: ("power", ADC_VOLTS),  # car battery
    1: ("deviceTemp", ADC_CELSIUS),
    2: ("battery", ADC_VOLTS),  # the device's own battery
    3: ("adc1", ADC_VOLTS),  # input voltage
}
_FIRST_FREE_ADC: Final = 4  # further channels: adc2, adc3 ... on the voltage scale (inferred)
_RFID_SIZE: Final = 10


@dataclass(slots=True)
class Fix:
    """What the blocks of one frame say, gathered before the Record is made."""

    latitude: float | None = None
    longitude: float | None = None
    speed: float | None = None
    course: float | None = None
    valid: bool = False
    alarms: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


Decoder = Callable[[bytes, int, Fix], None]  # data, the length byte's high nibble, the fix


def _gps(data: bytes, aux: int, fix: Fix) -> None:
    if len(data) < _GPS_SIZE:
        raise InvalidField(f"GPS block of {len(data)} bytes")
    r = Reader(data)
    lat, lon, speed, course, hdop = r.i32(), r.i32(), r.u16(), r.u16(), r.u16()
    if not (-90_000_000 <= lat <= 90_000_000 and -180_000_000 <= lon <= 180_000_000):
        raise InvalidField(f"position out of range: {lat} {lon}")
    if speed > _MAX_SPEED or course > 360:
        raise InvalidField(f"speed {speed} or course {course} out of range")
    fix.attributes["hdop"] = hdop / 100
    if lat == 0 and lon == 0:
        return  # the vendor tool's "NoFix"
    fix.latitude, fix.longitude = lat / 1e6, lon / 1e6
    fix.speed, fix.course = float(speed), float(course)
    fix.valid = hdop != _NO_HDOP


def _lbs(data: bytes, aux: int, fix: Fix) -> None:
    n = len(data)
    r = Reader(data)
    if n == _SERVING_CELL:
        mcc, mnc, lac, cid, dbm = r.u16(), r.u16(), r.u16(), r.u32(), r.u8()
    elif n > 4 and (n - 4) % _CELL == 0:
        mcc, mnc, lac, cid, dbm = r.u16(), r.u16(), r.u16(), r.u16(), r.u8()
    else:
        return  # no layout the vendor tool knows either
    a = fix.attributes
    a["rssi"] = -dbm
    if mcc != _NO_MCC:
        a.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _bits(value: int, table: dict[int, str]) -> list[str]:
    return [name for bit, name in table.items() if value >> bit & 1]


def _status(data: bytes, aux: int, fix: Fix) -> None:
    if len(data) != 4:
        raise InvalidField(f"status block of {len(data)} bytes")
    put_status(int.from_bytes(data[:2], "big"), int.from_bytes(data[2:], "big"), fix)


def put_status(status: int, alarm: int, fix: Fix) -> None:
    """The STT status and alarm words (binary block or text item) as attributes and alarms."""
    a = fix.attributes
    a["status"] = status
    a["ignition"] = bool(status & STATUS_ACC)
    a["motion"] = bool(status & STATUS_MOVING)
    a["blocked"] = bool(status & STATUS_IMMOBILISER)
    a["roaming"] = bool(status & STATUS_ROAMING)
    fix.alarms += _bits(alarm, ALARM_BITS)


def _u32(data: bytes, what: str) -> int:
    if len(data) != 4:
        raise InvalidField(f"{what} block of {len(data)} bytes")
    return int.from_bytes(data, "big")


def _mileage(data: bytes, aux: int, fix: Fix) -> None:
    fix.attributes["odometer"] = _u32(data, "mileage")  # metres


def _adc(data: bytes, aux: int, fix: Fix) -> None:
    if len(data) % 2:
        raise InvalidField(f"ADC block of {len(data)} bytes")
    for i in range(0, len(data), 2):
        channel, raw = data[i] >> 4, (data[i] & 0x0F) << 8 | data[i + 1]
        name, (low, high) = _ADC_CHANNELS.get(
            channel, (f"adc{channel - _FIRST_FREE_ADC + 2}", ADC_VOLTS)
        )
        fix.attributes[name] = round(raw * (high - low) / ADC_FULL_SCALE + low, 2)


def _fuel(data: bytes, aux: int, fix: Fix) -> None:
    # the unit depends on the calibration the nibble names; the vendor tool prints it raw
    fix.attributes["fuelUsedRaw"] = _u32(data, "fuel")


def _engine_time(data: bytes, aux: int, fix: Fix) -> None:
    fix.attributes["hours"] = _u32(data, "engine time") * 1000  # engine seconds -> ms


def _obd(data: bytes, aux: int, fix: Fix) -> None:
    obd.decode_items(data, fix.attributes)


def _harsh(data: bytes, aux: int, fix: Fix) -> None:
    if len(data) != 1:
        raise InvalidField(f"harsh driving block of {len(data)} bytes")
    fix.alarms += _bits(data[0], HARSH_BITS)


def _ascii(data: bytes) -> str:
    raw = data.rstrip(b"\x00 ")
    text = raw.decode("latin-1")
    if not raw.isascii() or not text.isprintable():
        raise InvalidField(f"non-printable text {data.hex()}")
    return text


def _vin(data: bytes, aux: int, fix: Fix) -> None:
    fix.attributes["vin"] = _ascii(data)


def _rfid(data: bytes, aux: int, fix: Fix) -> None:
    if len(data) != _RFID_SIZE + 1:
        raise InvalidField(f"RFID block of {len(data)} bytes")
    fix.attributes["driverUniqueId"] = _ascii(data[:_RFID_SIZE])


def _event(data: bytes, aux: int, fix: Fix) -> None:
    if len(data) not in (1, 5):
        raise InvalidField(f"event block of {len(data)} bytes")
    code = data[0]
    fix.attributes["event"] = code
    mask = int.from_bytes(data[1:], "big")
    if code == EVENT_ALARM:
        fix.alarms += _bits(mask, ALARM_BITS)
    elif code == EVENT_HARSH:
        fix.alarms += _bits(mask, HARSH_BITS)


BLOCKS: Final[dict[int, Decoder]] = {
    Block.GPS: _gps,
    Block.LBS: _lbs,
    Block.STATUS: _status,
    Block.MILEAGE: _mileage,
    Block.ADC: _adc,
    Block.FUEL: _fuel,
    Block.OBD: _obd,
    Block.OBD_ALARM: _obd,
    Block.HARSH: _harsh,
    Block.VIN: _vin,
    Block.RFID: _rfid,
    Block.ENGINE_TIME: _engine_time,
    Block.EVENT: _event,
}


def walk(content: bytes, start: int) -> Fix:
    """Decode every block from ``start`` to the end of ``content`` (the CRC already cut)."""
    fix = Fix()
    r = Reader(content, start)
    while r.remaining:
        block = r.u8()
        aux = 0
        if block in WIDE_LENGTH:
            size = r.u16()
        elif block in NIBBLE_LENGTH:
            byte = r.u8()
            aux, size = byte >> 4, byte & 0x0F
        else:
            size = r.u8()
        data = r.bytes(size)
        decoder = BLOCKS.get(block)
        if decoder is not None:
            decoder(data, aux, fix)
    return fix
