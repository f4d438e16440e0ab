"""The EGTS teledata service's subrecords into one fix: EGTS_SR_POS_DATA (time, position,
speed, course, odometer, inputs, the record's cause), EXT_POS_DATA (DOPs, satellites),
AD_SENSORS_DATA, COUNTERS_DATA, STATE_DATA, ACCEL_DATA, LOOPIN_DATA, the ABS_* single-sensor
subrecords, LIQUID_LEVEL_SENSOR and PASSENGERS_COUNTERS. Knows the subrecord layouts (GOST
33465 / Order 285, see constants.py) and the attribute names; not the record envelope.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from fleetwire.errors import InvalidField, TruncatedFrame

from .constants import (
    ALTE,
    ALTS,
    BB,
    COORD_SCALE,
    DIRH,
    HFE,
    LAHS,
    LLSEF,
    LLSN_MASK,
    LLSVU_SHIFT,
    LOHS,
    MV,
    NSFE,
    PFE,
    POS_SIZE,
    RDF,
    SFE,
    SOURCE_ALARMS,
    SPEED_MASK,
    STATE_SIZE,
    VFE,
    VLD,
    Sub,
)

_POS: Final = struct.Struct("<IIIBHB3sBB")  # NTM LAT LONG FLG SPD DIR ODM DIN SRC
_STATE: Final = struct.Struct("<BBBBB")  # ST MPSV BBV IBV flags
_ACCEL_HEAD: Final = 5  # SA, ATM
_ACCEL_ITEM: Final = 8  # RTM, XAAV, YAAV, ZAAV
_LLS_HEAD: Final = struct.Struct("<BH")  # flags, MADDR
_PASSENGERS_HEAD: Final = 5  # flags, DPR, DRL, MADDR


@dataclass(slots=True)
class Fix:
    """What the subrecords of one record say, gathered before it becomes a Record."""

    time: int | None = None  # NTM, seconds since 2010-01-01 UTC
    valid: bool = False
    latitude: float | None = None
    longitude: float | None = None
    altitude: float | None = None
    speed: float | None = None
    course: float | None = None
    satellites: int | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    alarms: list[str] = field(default_factory=list)


def _u24(data: bytes | memoryview, at: int) -> int:
    return data[at] | (data[at + 1] << 8) | (data[at + 2] << 16)


def _need(srd: memoryview, size: int, what: str) -> None:
    if len(srd) < size:
        raise TruncatedFrame(f"{what} of {len(srd)} bytes, needs {size}")


def pos_data(srd: memoryview, fix: Fix) -> None:
    """NTM, LAT, LONG (fractions of 90 and 180 degrees), FLG, SPD (0.1 km/h, bit 14 altitude
    sign, bit 15 direction bit 8), DIR, ODM (0.1 km), DIN, SRC, then ALT (3) when ALTE."""
    _need(srd, POS_SIZE, "POS_DATA")
    ntm, lat, lon, flg, spd, course, odm, din, src = _POS.unpack_from(srd)
    fix.time = ntm
    fix.valid = bool(flg & VLD)
    fix.latitude = (-1 if flg & LAHS else 1) * lat * 90 / COORD_SCALE
    fix.longitude = (-1 if flg & LOHS else 1) * lon * 180 / COORD_SCALE
    fix.speed = (spd & SPEED_MASK) / 10
    course |= 0x100 if spd & DIRH else 0
    fix.course = float(course) if course < 360 else None  # nine bits: 360-511 mean nothing
    if flg & ALTE and len(srd) >= POS_SIZE + 3:
        fix.altitude = float(_u24(srd, POS_SIZE) * (-1 if spd & ALTS else 1))
    a = fix.attributes
    a["odometer"] = int.from_bytes(odm, "little") * 100
    a["input"] = din
    a["event"] = src
    a["motion"] = bool(flg & MV)
    if flg & BB:
        a["archive"] = True
    alarm = SOURCE_ALARMS.get(src)
    if alarm is not None:
        fix.alarms.append(alarm)


def ext_pos_data(srd: memoryview, fix: Fix) -> None:
    """Flags, then VDOP, HDOP, PDOP (2 bytes each, x100), satellites (1), systems (2)."""
    _need(srd, 1, "EXT_POS_DATA")
    flags, pos = srd[0], 1
    for bit, key in ((VFE, "vdop"), (HFE, "hdop"), (PFE, "pdop")):
        if flags & bit:
            _need(srd, pos + 2, "EXT_POS_DATA")
            fix.attributes[key] = (srd[pos] | (srd[pos + 1] << 8)) / 100
            pos += 2
    if flags & SFE:
        _need(srd, pos + 1, "EXT_POS_DATA")
        fix.satellites = srd[pos]
        fix.attributes["sat"] = srd[pos]
        pos += 1
    if flags & NSFE:
        _need(srd, pos + 2, "EXT_POS_DATA")


def ad_sensors(srd: memoryview, fix: Fix) -> None:
    """DIOE, DOUT, ASFE, then the additional digital input octets ADIO1-8 whose DIOE bits are
    set and the 3-byte analog values ANS1-8 whose ASFE bits are set."""
    _need(srd, 3, "AD_SENSORS_DATA")
    dioe, dout, asfe = srd[0], srd[1], srd[2]
    a = fix.attributes
    a["output"] = dout
    pos = 3
    for i in range(8):
        if dioe >> i & 1:
            _need(srd, pos + 1, "AD_SENSORS_DATA")
            a[f"digitalInputs{i + 1}"] = srd[pos]
            pos += 1
    for i in range(8):
        if asfe >> i & 1:
            _need(srd, pos + 3, "AD_SENSORS_DATA")
            a[f"adc{i + 1}"] = _u24(srd, pos)
            pos += 3


def counters(srd: memoryview, fix: Fix) -> None:
    """CFE, then the 3-byte counters CN1-8 whose bits are set."""
    _need(srd, 1, "COUNTERS_DATA")
    pos = 1
    for i in range(8):
        if srd[0] >> i & 1:
            _need(srd, pos + 3, "COUNTERS_DATA")
            fix.attributes[f"count{i + 1}"] = _u24(srd, pos)
            pos += 3


def state(srd: memoryview, fix: Fix) -> None:
    """ST (terminal mode), MPSV, BBV, IBV (main, backup and internal battery, 0.1 V), flags."""
    _need(srd, STATE_SIZE, "STATE_DATA")
    mode, main, backup, internal, _ = _STATE.unpack_from(srd)
    a = fix.attributes
    a["mode"] = mode
    a["power"] = main / 10
    a["battery"] = internal / 10
    a["backupBattery"] = backup / 10


def accel_or_state(srd: memoryview, fix: Fix) -> None:
    """Type 20: Order 285's five-byte STATE_DATA (what devices send), or GOST 33465's
    ACCEL_DATA (SA, ATM, SA measurements of 8 bytes), told apart by the length."""
    if len(srd) == STATE_SIZE:
        state(srd, fix)
        return
    _need(srd, _ACCEL_HEAD, "ACCEL_DATA")
    if len(srd) != _ACCEL_HEAD + srd[0] * _ACCEL_ITEM:
        raise InvalidField(f"ACCEL_DATA of {len(srd)} bytes for {srd[0]} measurements")


def loop_inputs(srd: memoryview, fix: Fix) -> None:
    """LIFE (which of loops 1-8 are reported), then their 4-bit states, two to a byte, low
    nibble first."""
    _need(srd, 1, "LOOPIN_DATA")
    reported = [i + 1 for i in range(8) if srd[0] >> i & 1]
    _need(srd, 1 + (len(reported) + 1) // 2, "LOOPIN_DATA")
    for k, loop in enumerate(reported):
        byte = srd[1 + k // 2]
        fix.attributes[f"loop{loop}"] = (byte >> 4) if k % 2 else (byte & 0x0F)


def _number_and_state(srd: memoryview, what: str) -> tuple[int, int]:
    """A 16-bit field of a 12-bit sensor number over a 4-bit state (ABS_DIG_SENS, ABS_LOOPIN)."""
    _need(srd, 2, what)
    value = srd[0] | (srd[1] << 8)
    return value >> 4, value & 0x0F


def abs_digital(srd: memoryview, fix: Fix) -> None:
    number, value = _number_and_state(srd, "ABS_DIG_SENS_DATA")
    if number:
        fix.attributes[f"in{number}"] = bool(value)


def abs_loop(srd: memoryview, fix: Fix) -> None:
    number, value = _number_and_state(srd, "ABS_LOOPIN_DATA")
    if number:
        fix.attributes[f"loop{number}"] = value


def _numbered_u24(srd: memoryview, what: str) -> tuple[int, int]:
    _need(srd, 4, what)
    return srd[0], _u24(srd, 1)


def abs_analog(srd: memoryview, fix: Fix) -> None:
    number, value = _numbered_u24(srd, "ABS_AN_SENS_DATA")
    fix.attributes[f"adc{number}"] = value


def abs_counter(srd: memoryview, fix: Fix) -> None:
    number, value = _numbered_u24(srd, "ABS_CNTR_DATA")
    fix.attributes[f"count{number}"] = value


# LLSVU: 0 an uncalibrated reading, 1 percent of the tank, 2 litres in tenths
_LLS_UNITS: Final[dict[int, tuple[str, float]]] = {1: ("fuelLevel", 1.0), 2: ("fuel", 0.1)}


def liquid_level(srd: memoryview, fix: Fix) -> None:
    """Flags (LLSN sensor number, RDF raw data, LLSVU unit, LLSEF error), MADDR (2), then LLSD:
    a 4-byte reading, or the sensor's raw bytes when RDF is set."""
    _need(srd, _LLS_HEAD.size, "LIQUID_LEVEL_SENSOR")
    flags, _ = _LLS_HEAD.unpack_from(srd)
    n = flags & LLSN_MASK
    suffix = "" if n == 1 else str(n)
    if flags & LLSEF:
        fix.attributes[f"fuelSensorError{suffix}"] = True
        return
    if flags & RDF:
        return  # a sensor's own format, kept in the raw log
    _need(srd, _LLS_HEAD.size + 4, "LIQUID_LEVEL_SENSOR")
    value = int.from_bytes(srd[_LLS_HEAD.size : _LLS_HEAD.size + 4], "little")
    unit = _LLS_UNITS.get((flags >> LLSVU_SHIFT) & 0x03)
    if unit is None:
        fix.attributes[f"fuelSensor{n}"] = value
    else:
        key, scale = unit
        fix.attributes[f"{key}{suffix}"] = round(value * scale, 1)


def passengers(srd: memoryview, fix: Fix) -> None:
    """Flags (RDF), DPR (doors present), DRL (doors released), MADDR (2), then per present
    door the passengers in and out (1 byte each), unless RDF says raw data follow."""
    _need(srd, _PASSENGERS_HEAD, "PASSENGERS_COUNTERS")
    if srd[0] & 0x01:
        return
    doors = [i + 1 for i in range(8) if srd[1] >> i & 1]
    _need(srd, _PASSENGERS_HEAD + 2 * len(doors), "PASSENGERS_COUNTERS")
    for k, door in enumerate(doors):
        at = _PASSENGERS_HEAD + 2 * k
        fix.attributes[f"passengersIn{door}"] = srd[at]
        fix.attributes[f"passengersOut{door}"] = srd[at + 1]


SUBRECORDS: Final[dict[int, Callable[[memoryview, Fix], None]]] = {
    Sub.EXT_POS_DATA: ext_pos_data,
    Sub.AD_SENSORS_DATA: ad_sensors,
    Sub.COUNTERS_DATA: counters,
    Sub.ACCEL_OR_STATE: accel_or_state,
    Sub.STATE_DATA: state,
    Sub.LOOPIN_DATA: loop_inputs,
    Sub.ABS_DIG_SENS_DATA: abs_digital,
    Sub.ABS_AN_SENS_DATA: abs_analog,
    Sub.ABS_CNTR_DATA: abs_counter,
    Sub.ABS_LOOPIN_DATA: abs_loop,
    Sub.LIQUID_LEVEL_SENSOR: liquid_level,
    Sub.PASSENGERS_COUNTERS: passengers,
}
