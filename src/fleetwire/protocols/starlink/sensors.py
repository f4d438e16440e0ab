"""The #TD1#/#TD2# fields: a wireless temperature sensor's report as a base64 protocol buffer.

Field numbers, checked on the captured reports against the plain #TI/TV/TH# fields beside them:
3 the sensor id (bytes), 4 the temperature (zigzag varint, tenths of a degree), 5 the humidity
(tenths of a percent), 9 the sensor's battery (mV, the value the reference asserts: 3058).
Other fields are stepped over. Knows nothing about the report around it.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Final

from fleetwire.errors import InvalidField, TruncatedFrame

_VARINT, _FIXED64, _BYTES, _FIXED32 = 0, 1, 2, 5
_ID, _TEMPERATURE, _HUMIDITY, _VOLTAGE = 3, 4, 5, 9
_MAX_VARINT: Final = 10


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    for i in range(pos, min(len(data), pos + _MAX_VARINT)):
        value |= (data[i] & 0x7F) << shift
        shift += 7
        if data[i] < 0x80:
            return value, i + 1
    raise TruncatedFrame("sensor report: varint cut short")


def fields(data: bytes) -> dict[int, int | bytes]:
    out: dict[int, int | bytes] = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == _VARINT:
            value, pos = _varint(data, pos)
            out.setdefault(number, value)
        elif wire == _BYTES:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise TruncatedFrame("sensor report: field cut short")
            out.setdefault(number, data[pos : pos + size])
            pos += size
        elif wire in (_FIXED32, _FIXED64):
            pos += 4 if wire == _FIXED32 else 8
        else:
            raise InvalidField(f"sensor report: wire type {wire}")
    if pos > len(data):
        raise TruncatedFrame("sensor report: fixed field cut short")
    return out


def decode(text: str, n: int, attrs: dict[str, Any]) -> None:
    """Sensor ``n``'s report (base64) as sensor<n>Id, temp<n>, humidity<n>, sensor<n>Voltage."""
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise InvalidField(f"sensor report {text[:16]!r} is not base64") from e
    f = fields(data)
    if isinstance(sid := f.get(_ID), bytes):
        attrs[f"sensor{n}Id"] = sid.hex().upper()
    if isinstance(t := f.get(_TEMPERATURE), int):
        attrs[f"temp{n}"] = ((t >> 1) ^ -(t & 1)) / 10
    if isinstance(h := f.get(_HUMIDITY), int):
        attrs[f"humidity{n}"] = h / 10
    if isinstance(v := f.get(_VOLTAGE), int):
        attrs[f"sensor{n}Voltage"] = v / 1000
