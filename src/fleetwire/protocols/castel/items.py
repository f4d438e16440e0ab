"""The Castel GPS_ITEM (date, time, coordinates, speed, course, flag) as a Record: shared by the
SC messages (STAT_DATA, then GPS_DATA) and the CC and MPIP families, which carry the same item.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader

from .constants import FLAG_EAST, FLAG_FIX, FLAG_NORTH, KMH_PER_CM_S, MS_PER_DEGREE

_MAX_LAT: Final = 90 * MS_PER_DEGREE
_MAX_LON: Final = 180 * MS_PER_DEGREE


def le(r: Reader, size: int) -> int:
    return int.from_bytes(r.bytes(size), "little")


def date_time(r: Reader) -> datetime:
    """DATE (day, month, year - 2000) then TIME (hour, minute, second), plain binary bytes."""
    day, month, year, hour, minute, second = r.bytes(6)
    try:
        return datetime(2000 + year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"GPS time {day}/{month}/{year} {hour}:{minute}:{second}") from e


def gps_item(r: Reader, attributes: dict[str, Any]) -> Record:
    """GPS_ITEM: date, time, latitude and longitude (U32, ms of arc), speed (U16, cm/s),
    course (U16, 0.1 degree), flag (bit 0 east, bit 1 north, bits 2-3 fix, 4-7 satellites)."""
    fix_time = date_time(r)
    lat, lon, speed, course, flag = le(r, 4), le(r, 4), le(r, 2), le(r, 2), r.u8()
    if lat > _MAX_LAT or lon > _MAX_LON or course > 3600:
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")
    return Record(
        fix_time=fix_time,
        kind=RecordKind.POSITION,
        valid=bool(flag & FLAG_FIX),
        latitude=(lat if flag & FLAG_NORTH else -lat) / MS_PER_DEGREE,
        longitude=(lon if flag & FLAG_EAST else -lon) / MS_PER_DEGREE,
        speed=round(speed * KMH_PER_CM_S, 2),
        course=course / 10,
        satellites=flag >> 4,
        attributes=dict(attributes),
    )
