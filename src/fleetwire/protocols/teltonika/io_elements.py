"""The AVL IO element table: IO id -> attribute name and value converter.

Owns the meaning of numbered IO elements (FMB family "AVL ID" list) in the shared attribute
vocabulary; ids not listed stay ``io<N>`` with their raw value. Knows nothing about the wire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

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


def _signed_tenth(value: int, size: int) -> float:
    # Dallas temperatures are the only signed ones in this table (the AVL list says so).
    bits = size * 8
    if value >= 1 << (bits - 1):
        value -= 1 << bits
    return value / 10


def _hex64(value: int, size: int) -> str:
    return value.to_bytes(8, "big").hex()


IO_ELEMENTS: dict[int, IoElement] = {
    1: IoElement("in1", _flag),
    2: IoElement("in2", _flag),
    3: IoElement("in3", _flag),
    9: IoElement("adc1", _milli),  # mV
    16: IoElement("odometer", _raw),  # total odometer, m
    21: IoElement("rssi", _raw),  # GSM signal 0..5
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
        attributes[element.name] = element.convert(value, size)


def put_variable_io(attributes: dict[str, Any], io_id: int, value: bytes) -> None:
    """Codec 8E variable-length (NX) elements (VIN, DTC lists, beacons) stay raw, as hex."""
    attributes[f"io{io_id}"] = value.hex()
