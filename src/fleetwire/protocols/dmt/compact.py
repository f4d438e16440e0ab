"""Digital Matter 64-byte data records (message 0x10), as older firmware sends them.

Each record is 64 bytes, little-endian: type (1), sequence (4), a packed date-time (4: year
since 2000 in bits 0-5, month 6-9, day 10-14, hour 15-19, minute 20-25, second 26-31),
longitude and latitude (4 + 4, 1e-7 degrees, longitude first), ground speed cm/s (2), heading
in 2-degree units (1), altitude m (2), position accuracy m (2), speed accuracy (1), log reason
(1), fix flags (1, bit 0 a valid fix), inputs (4), outputs (2), five analogue inputs (5 x 2),
temperature (1), accelerometer x y z (3 x 2), device id (8), PDOP x100 (2), reserved (2) and a
checksum (2). Layout: the field list of traccar/traccar's DMT decoder (facts only), checked on
the captures in tests/protocols/dmt/captures.jsonl (South African coordinates, 2018 dates,
PDOP 2.38). The checksum's algorithm is not given there, so it is not checked.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind

SIZE: Final = 64
_RECORD: Final = struct.Struct("<BIIiiHBhHBBBIH5hb3h8sH2sH")
_CM_S_TO_KMH: Final = 0.036
_MAX_HEADING: Final = 180  # 2-degree units
_VALID: Final = 0x01


def _when(packed: int) -> datetime:
    try:
        return datetime(
            2000 + (packed & 0x3F), packed >> 6 & 0xF, packed >> 10 & 0x1F,
            packed >> 15 & 0x1F, packed >> 20 & 0x3F, packed >> 26 & 0x3F, tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad packed date-time {packed:#010x}") from e


def record(data: bytes) -> Record:
    (
        _type, sequence, packed, lon, lat, speed, heading, altitude, _accuracy, _speed_accuracy,
        reason, flags, inputs, outputs, a1, a2, a3, a4, a5, _temp, _ax, _ay, _az, _device, pdop,
        _reserved, _checksum,
    ) = _RECORD.unpack(data)  # fmt: skip
    if not (-900_000_000 <= lat <= 900_000_000 and -1_800_000_000 <= lon <= 1_800_000_000):
        raise InvalidField(f"coordinates out of range: {lat} {lon}")
    if heading >= _MAX_HEADING:
        raise InvalidField(f"heading {heading * 2}")
    rec = Record(fix_time=_when(packed), kind=RecordKind.POSITION)
    rec.latitude, rec.longitude = lat / 1e7, lon / 1e7
    rec.valid = bool(flags & _VALID)
    rec.speed = round(speed * _CM_S_TO_KMH, 2)
    rec.course = float(heading * 2)
    rec.altitude = float(altitude)
    rec.attributes.update(
        index=sequence, event=reason, input=inputs, output=outputs, pdop=pdop / 100,
        adc1=a1, adc2=a2, adc3=a3, adc4=a4, adc5=a5,
    )  # fmt: skip
    return rec


def records(payload: bytes) -> list[Record]:
    """Every 64-byte record of a 0x10 message's payload."""
    if len(payload) % SIZE:
        raise TruncatedFrame(f"{len(payload)} bytes is no whole number of 64-byte records")
    return [record(payload[i : i + SIZE]) for i in range(0, len(payload), SIZE)]
