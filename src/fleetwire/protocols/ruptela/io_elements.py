"""The Ruptela IO table: IO id -> attribute name and value converter.

Owns the meaning of the few IO ids that public Ruptela descriptions fix (digital inputs 2-5,
analog inputs 20-23, power 29 and battery 30 in mV, virtual odometer 65 in m, ignition 251 /
409); every other id stays ``io<N>`` with its raw value. Knows nothing about the wire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, NamedTuple

Converter = Callable[[int], Any]


class IoElement(NamedTuple):
    name: str
    convert: Converter


def _flag(value: int) -> bool:
    return value != 0


def _milli(value: int) -> float:
    return value / 1000


def _raw(value: int) -> int:
    return value


IO_ELEMENTS: Final[dict[int, IoElement]] = {
    2: IoElement("in1", _flag),
    3: IoElement("in2", _flag),
    4: IoElement("in3", _flag),
    5: IoElement("in4", _flag),
    20: IoElement("adc1", _milli),  # mV -> V
    21: IoElement("adc2", _milli),
    22: IoElement("adc3", _milli),
    23: IoElement("adc4", _milli),
    29: IoElement("power", _milli),  # supply voltage, mV -> V
    30: IoElement("battery", _milli),  # internal battery, mV -> V
    65: IoElement("odometer", _raw),  # virtual odometer, m
    251: IoElement("ignition", _flag),
    409: IoElement("ignition", _flag),  # the extended-records id of the same flag
}


def put_io(attributes: dict[str, Any], io_id: int, value: int) -> None:
    element = IO_ELEMENTS.get(io_id)
    if element is None:
        attributes[f"io{io_id}"] = value
    else:
        attributes[element.name] = element.convert(value)
