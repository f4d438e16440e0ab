"""The FLEX fields Navis devices send that Fleetwire reads beyond Navtelecom's set.

FLEX (the record layout negotiated by `*>FLEX`) is the same on both; the field meanings added
here are facts of traccar/traccar NavisProtocolDecoder.java (its field index i is FLEX field
i + 1): 4 armed state (bit 0 armed, bit 1 alarm), 5/6 status bytes, 7 GSM level, 16 trip
distance (float km), 21-28 analogue inputs 1-8, 30/32 inputs/outputs 9-16, 37 engine hours
(u32 s), 45-52 temperatures 1-8 (i8, 0x80 no sensor), 69 CAN speed (km/h, 255 none), 70
satellites seen (8 constellation counts), 71 HDOP and PDOP (tenths).
"""

from __future__ import annotations

import math
import struct
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.navtelecom.decoding import FIELD_READERS, FieldReader

_F32: Final = struct.Struct("<f")
_ABSENT_U8: Final = 0xFF
_NO_SENSOR: Final = -128  # a temperature of 0x80: no sensor on that input


def _u(v: bytes) -> int:
    return int.from_bytes(v, "little")


def _armed(rec: Record, v: bytes) -> None:
    rec.attributes["armed"] = bool(v[0] & 1)
    if v[0] & 2:
        rec.attributes["alarm"] = "general"


def _status_low(rec: Record, v: bytes) -> None:
    rec.attributes["status"] = v[0]


def _status_high(rec: Record, v: bytes) -> None:
    rec.attributes["status"] = (rec.attributes.get("status", 0) & 0xFF) | v[0] << 8


def _high_bits(name: str, prefix: str) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        rec.attributes[name] = (rec.attributes.get(name, 0) & 0xFF) | v[0] << 8
        for bit in range(8):
            rec.attributes[f"{prefix}{bit + 9}"] = bool(v[0] >> bit & 1)

    return read


def _named(name: str, scale: int = 1) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        rec.attributes[name] = _u(v) * scale

    return read


def _distance(rec: Record, v: bytes) -> None:
    km = float(_F32.unpack(v)[0])
    if not math.isfinite(km) or abs(km) > 1e9:
        raise InvalidField(f"distance {km}")
    rec.attributes["distance"] = round(km * 1000)


def _temperature(n: int) -> FieldReader:
    def read(rec: Record, v: bytes) -> None:
        value = int.from_bytes(v, "little", signed=True)
        if value != _NO_SENSOR:
            rec.attributes[f"temp{n}"] = value

    return read


def _can_speed(rec: Record, v: bytes) -> None:
    if v[0] != _ABSENT_U8:  # 255: no CAN speed
        rec.attributes["obdSpeed"] = v[0]


def _visible(rec: Record, v: bytes) -> None:
    rec.attributes["satVisible"] = sum(v)


def _dop(rec: Record, v: bytes) -> None:
    rec.attributes["hdop"] = v[0] / 10
    rec.attributes["pdop"] = v[1] / 10


READERS: Final[dict[int, FieldReader]] = {
    **FIELD_READERS,
    4: _armed,
    5: _status_low,
    6: _status_high,
    7: _named("rssi"),
    16: _distance,
    **{field: _named(f"adc{field - 20}") for field in range(21, 29)},
    30: _high_bits("input", "in"),
    32: _high_bits("output", "out"),
    37: _named("hours", 1000),
    **{field: _temperature(field - 44) for field in range(45, 53)},
    69: _can_speed,
    70: _visible,
    71: _dop,
}
