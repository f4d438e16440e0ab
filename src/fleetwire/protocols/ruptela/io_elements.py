"""The Ruptela IO table: IO id -> attribute name and value converter.

Owns the meaning of the few IO ids that public Ruptela descriptions fix (digital inputs 2-5,
movement 13 / 173, analog inputs 20-23, power 29 and battery 30 in mV, the iButton id 34,
virtual odometer 65 in m, OBD rpm 94 (1/4 rpm) and speed 95 (km/h), ignition 251 / 409, and
the driver card ids the CAN bus (126 + 127) and the tachograph (155 + 156) give as two 8-byte
halves of ASCII); every other id stays ``io<N>`` with its raw value. Knows nothing about the
wire.
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


def _quarter(value: int) -> float:
    return value / 4


IO_ELEMENTS: Final[dict[int, IoElement]] = {
    2: IoElement("in1", _flag),
    3: IoElement("in2", _flag),
    4: IoElement("in3", _flag),
    5: IoElement("in4", _flag),
    13: IoElement("motion", _flag),
    20: IoElement("adc1", _milli),  # mV -> V
    21: IoElement("adc2", _milli),
    22: IoElement("adc3", _milli),
    23: IoElement("adc4", _milli),
    29: IoElement("power", _milli),  # supply voltage, mV -> V
    30: IoElement("battery", _milli),  # internal battery, mV -> V
    65: IoElement("odometer", _raw),  # virtual odometer, m
    94: IoElement("rpm", _quarter),
    95: IoElement("obdSpeed", _raw),
    173: IoElement("motion", _flag),  # the extended-records id of the same flag
    251: IoElement("ignition", _flag),
    409: IoElement("ignition", _flag),  # the extended-records id of the same flag
}


_IBUTTON: Final = 34  # the key's 8 bytes, written as hex
# (first half, second half) of a driver card id in ASCII: CAN bus, tachograph
_DRIVER_HALVES: Final = ((126, 127), (155, 156))
_HALF_SIZE: Final = 8


def put_io(attributes: dict[str, Any], io_id: int, value: int, size: int) -> None:
    if io_id == _IBUTTON:
        attributes["driverUniqueId"] = value.to_bytes(size, "big").hex()
        return
    element = IO_ELEMENTS.get(io_id)
    if element is None:
        attributes[f"io{io_id}"] = value
    else:
        attributes[element.name] = element.convert(value)


def join_driver_halves(attributes: dict[str, Any], sizes: dict[int, int]) -> None:
    """A driver card id sent as two 8-byte IO values becomes one ``driverUniqueId``; all zero
    bytes: no card in the reader, no driver."""
    for first, second in _DRIVER_HALVES:
        if sizes.get(first) == sizes.get(second) == _HALF_SIZE:
            card = b"".join(
                attributes.pop(f"io{i}").to_bytes(_HALF_SIZE, "big") for i in (first, second)
            )
            driver = card.decode("ascii", "replace").strip("\x00 ")
            if driver:
                attributes["driverUniqueId"] = driver
