"""The AVL IO element table: IO id -> attribute name and value converter.

Owns the meaning of numbered IO elements (FMB family "AVL ID" list) in the shared attribute
vocabulary; ids not listed stay ``io<N>`` with their raw value. Knows nothing about the wire.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from fleetwire.model import Record

# A converter gets the raw unsigned value and the field size in bytes (for signed fields).
Converter = Callable[[int, int], Any]


class IoElement(NamedTuple):
    name: str
    convert: Converter
    zero_is_absent: bool = False  # the device sends 0 when there is nothing to report


def _raw(value: int, size: int) -> int:
    return value


def _flag(value: int, size: int) -> bool:
    return value != 0


def _milli(value: int, size: int) -> float:
    return value / 1000


def _tenth(value: int, size: int) -> float:
    return value / 10


# Dallas temperature codes that are no reading: not ready, read error, not connected, id
# failed, same id as another sensor (FMB AVL list, ids 72-75)
_DALLAS_ERRORS = frozenset({850, 2000, 3000, 4000, 5000})


def _signed_tenth(value: int, size: int) -> float | None:
    # Dallas temperatures are the only signed ones in this table (the AVL list says so).
    if value in _DALLAS_ERRORS:
        return None
    bits = size * 8
    if value >= 1 << (bits - 1):
        value -= 1 << bits
    return value / 10


def _hex64(value: int, size: int) -> str:
    return value.to_bytes(8, "big").hex()


# BLE temperature codes that are no reading: sensor not found, data not parsed, abnormal state
_BLE_TEMP_ERRORS = frozenset({32765, 32766, 32767})


def _ble_temp(value: int, size: int) -> float | None:
    """EYE/BLE sensor temperature: signed hundredths of a degree, or an error code."""
    if value in _BLE_TEMP_ERRORS:
        return None
    if value >= 0x8000:
        value -= 0x10000
    return value / 100


IO_ELEMENTS: dict[int, IoElement] = {
    1: IoElement("in1", _flag),
    2: IoElement("in2", _flag),
    3: IoElement("in3", _flag),
    9: IoElement("adc1", _milli),  # mV
    16: IoElement("odometer", _raw),  # total odometer, m
    21: IoElement("rssi", _raw),  # GSM signal 0..5
    # BLE (EYE) sensor temperatures #1-#4 (FMB AVL list "BLE Sensor elements"; older FM ids
    # 20-23 mean other things, so the BLE battery ids around them stay numbered)
    25: IoElement("bleTemp1", _ble_temp),
    26: IoElement("bleTemp2", _ble_temp),
    27: IoElement("bleTemp3", _ble_temp),
    28: IoElement("bleTemp4", _ble_temp),
    66: IoElement("power", _milli),  # external voltage, mV
    67: IoElement("battery", _milli),  # battery voltage, mV
    72: IoElement("temp1", _signed_tenth),
    73: IoElement("temp2", _signed_tenth),
    74: IoElement("temp3", _signed_tenth),
    75: IoElement("temp4", _signed_tenth),
    78: IoElement("driverUniqueId", _hex64, zero_is_absent=True),  # iButton
    179: IoElement("out1", _flag),
    180: IoElement("out2", _flag),
    181: IoElement("pdop", _tenth),
    182: IoElement("hdop", _tenth),
    199: IoElement("tripOdometer", _raw),  # m
    239: IoElement("ignition", _flag),
    240: IoElement("motion", _flag),
    241: IoElement("operator", _raw),  # MCC+MNC as one number
}


def put_io(attributes: dict[str, Any], io_id: int, value: int, size: int) -> None:
    """Store one fixed-size IO element under its vocabulary name (or ``io<N>``)."""
    element = IO_ELEMENTS.get(io_id)
    if element is None:
        attributes[f"io{io_id}"] = value
    elif value or not element.zero_is_absent:
        converted = element.convert(value, size)
        if converted is not None:
            attributes[element.name] = converted


def _ascii(value: bytes) -> str | None:
    return value.decode("ascii") if value.isascii() else None


def _ble_sensors(attributes: dict[str, Any], value: bytes) -> bool:
    """A BLE sensor list (AVL 548, 10829, 10831): a header byte, then per sensor a length byte
    and (parameter id, length, value) items: 0 RSSI, 1 id, 2 EYE flags (bit 6 low battery,
    bit 7: a voltage byte follows, 10 mV steps over 2 V), 13 low battery, 14 battery (mV).
    False, storing nothing, when the lengths do not add up."""
    found: dict[str, Any] = {}
    pos, end, n = 1, len(value), 0
    while pos < end:
        n += 1
        stop = pos + 1 + value[pos]
        pos += 1
        if stop > end:
            return False
        while pos < stop:
            if pos + 2 > stop or pos + 2 + value[pos + 1] > stop:
                return False
            pid, size = value[pos], value[pos + 1]
            data = value[pos + 2 : pos + 2 + size]
            pos += 2 + size
            tag = f"tag{n}"
            if pid == 0 and size == 1:
                found[tag + "Rssi"] = data[0] - 256 if data[0] >= 0x80 else data[0]
            elif pid == 1:
                found[tag + "Id"] = data.hex()
            elif pid == 2 and size >= 1:
                if data[0] & 0x40:
                    found[tag + "LowBattery"] = True
                if data[0] & 0x80 and size >= 2:
                    found[tag + "Voltage"] = data[1] * 10 + 2000
            elif pid == 13 and size == 1:
                found[tag + "LowBattery"] = bool(data[0])
            elif pid == 14 and size == 2:
                found[tag + "Battery"] = int.from_bytes(data, "big")
    attributes.update(found)
    return True


def put_variable_io(attributes: dict[str, Any], io_id: int, value: bytes) -> None:
    """Codec 8E variable-length (NX) elements: VIN (256), DTC list (281) and BLE sensor lists
    by name; any other (beacon lists, CAN data) raw, as hex, as is one that does not parse."""
    if io_id == 256 and (vin := _ascii(value)) is not None:
        attributes["vin"] = vin
    elif io_id == 281 and (dtcs := _ascii(value)) is not None:
        attributes["dtcs"] = dtcs.replace(",", " ")
    elif io_id not in _BLE_SENSOR_LISTS or not _ble_sensors(attributes, value):
        attributes[f"io{io_id}"] = value.hex()


_BLE_SENSOR_LISTS = frozenset({548, 10829, 10831})


# FMx6 trucks (FMB640, FMC640, FMM640...) send the tachograph's driver 1 card number as two
# 8-byte elements, 195 (first 8 characters) and 196 (last 8); other families use those ids for
# other things, so only a "model" decode option naming an FMx6 unit reads them so.
_TACHOGRAPH_MODELS = re.compile(r"FM.6\w\w")
_DRIVER1_ID = ("io195", "io196")


def tachograph_driver(records: list[Record], model: object) -> None:
    """driverUniqueId from the tachograph's driver 1 card elements, for FMx6 models."""
    if not isinstance(model, str) or _TACHOGRAPH_MODELS.fullmatch(model) is None:
        return
    for record in records:
        attributes = record.attributes
        msb, lsb = (attributes.get(key) for key in _DRIVER1_ID)
        if not (isinstance(msb, int) and isinstance(lsb, int)):
            continue
        raw = msb.to_bytes(8, "big") + lsb.to_bytes(8, "big")
        card = raw.strip(b"\x00 ")
        if card and card.isascii() and card.isalnum():
            attributes["driverUniqueId"] = card.decode("ascii")
