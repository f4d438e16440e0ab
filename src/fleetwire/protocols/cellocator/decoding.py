"""Cellocator messages to Records: the Type 0 status/location message (Type 11 is modular.py's).

Owns the Type 0 layout (70 bytes, little-endian): unit status and GSM operator, transmission
reason, I/O status, analog inputs, odometer, GPS fix data and the GPS time. Checks the envelope
again (the worker may decode messages the gateway never acknowledged); raises only DeviceErrors;
any other message type decodes to no records.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import MessageType
from .events import ALARMS
from .framing import open_frame
from .modular import decode_modular

# From offset 15: unit status + operator high nibble, operator (2nd and 3rd nibble), reason
# data, reason, unit mode, I/O status (4), operator (4th and 5th nibble), analog 1-4, odometer
# (3, read as 2 + 1), multi-purpose field (6), last fix (2), location status, mode 1, mode 2,
# satellites, longitude, latitude (10^-8 rad), altitude (cm), speed (cm/s), course (10^-3 rad),
# second, minute, hour, day, month, year.
_BODY: Final = struct.Struct("<BBBBBIBBBBBHB6sHBBBBiiiIHBBBBBH")
_BODY_OFFSET: Final = 15
# Analog input scales of the vendor's Type 0 table: input 1 is the main power (30 V full
# scale over 255 steps), input 2 the backup battery (4.2 V over 255 steps).
_POWER_VOLTS: Final = 30 / 255
_BATTERY_VOLTS: Final = 4.2 / 255
_IGNITION_BIT: Final = 1 << 13  # bit 5 of the I/O status' 2nd byte
# Mode 2 bit 1 is set on every capture with a fix and clear on every one without; the vendor
# text for the GPS mode bytes could not be read in full, so this is the rule from the data.
_FIX_BIT: Final = 0x02
_CM_PER_S_TO_KMH: Final = 0.036
_MAX_SPEED: Final = 1000  # km/h; a larger speed is a corrupt field, not a vehicle
_MAX_SATELLITES: Final = 99
_FIRST_YEAR: Final = 2000
_LAST_YEAR: Final = 2099

Decoder = Callable[[bytes, DecodeContext], list[Record]]


def _degrees(value: int, scale: float) -> float:
    return math.degrees(value * scale)


def _fix_time(fields: tuple[Any, ...]) -> datetime | None:
    second, minute, hour, day, month, year = fields
    if year == 0:  # the unit has not had a GPS time yet
        return None
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise InvalidField(f"GPS year {year}")
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"GPS time {year}-{month}-{day} {hour}:{minute}:{second}") from e


def _status(frame: bytes, ctx: DecodeContext) -> list[Record]:
    (
        status, op_mid, reason_data, reason, _mode, io, op_low, power, battery, adc3, adc4,
        odo_low, odo_high, _multi, _last_fix, _location, _mode1, mode2, sats, lon, lat, alt,
        speed, course, *time_fields,
    ) = _BODY.unpack_from(frame, _BODY_OFFSET)  # fmt: skip
    if sats > _MAX_SATELLITES:
        raise InvalidField(f"{sats} satellites")
    attributes: dict[str, Any] = {
        "status": status & 0x0F,
        "operator": ((status >> 4) << 16) | (op_mid << 8) | op_low,
        "event": reason,
        "input": io,
        "ignition": bool(io & _IGNITION_BIT),
        "power": round(power * _POWER_VOLTS, 3),
        "battery": round(battery * _BATTERY_VOLTS, 3),
        "adc3": adc3,
        "adc4": adc4,
        "odometer": ((odo_high << 16) | odo_low) * 1000,  # km on the wire
        "sat": sats,
    }
    if reason_data:
        attributes["eventData"] = reason_data
    alarm = ALARMS.get(reason)
    if alarm is not None:
        attributes["alarm"] = alarm
    fix_time = _fix_time(tuple(time_fields))
    valid = bool(mode2 & _FIX_BIT) and fix_time is not None
    record = Record(
        fix_time=fix_time or ctx.received,
        kind=RecordKind.EVENT if alarm else RecordKind.POSITION,
        valid=valid,
        satellites=sats,
        attributes=attributes,
    )
    if (lat == 0 and lon == 0) or fix_time is None:
        if not alarm:
            record.kind = RecordKind.STATUS
        record.valid = False
        return [record]
    latitude, longitude = _degrees(lat, 1e-8), _degrees(lon, 1e-8)
    heading = _degrees(course, 1e-3)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and heading <= 360.5):
        raise InvalidField(f"position out of range: {latitude} {longitude} course {heading}")
    record.latitude = round(latitude, 7)
    record.longitude = round(longitude, 7)
    record.altitude = alt / 100
    kmh = round(speed * _CM_PER_S_TO_KMH, 2)
    if kmh >= _MAX_SPEED:
        raise InvalidField(f"speed {kmh} km/h")
    record.speed = kmh
    record.course = round(min(heading, 360.0), 2)
    return [record]


DECODERS: Final[dict[int, Decoder]] = {
    MessageType.STATUS: _status,
    MessageType.MODULAR_EXTENDED: decode_modular,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.type)
    if decoder is None:
        return []
    return decoder(frame, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
