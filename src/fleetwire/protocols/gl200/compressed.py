"""@Track HEX compressed track (+RSP/+BSP message type 100, GB100): a point count (2 bytes),
then points of 1, 3+8(+4) or 5 bytes, told apart by the top two bits of their first byte.

01: a full point. 24 bits: point attribute (2), fix type (1), speed in 0.1 km/h (12), heading
in degrees (9); longitude and latitude (signed, 1e-6 degrees); the UNIX time (4 bytes) on the
first full point only. 10: a point relative to the one before, 40 bits: attribute (2), fix
type (1), then signed deltas of speed (7), heading (7), longitude (12) and latitude (11).
Anything else: one byte, no point (invalid, or the same as the last). Each point is one second
after the one before. Layout: the field list of traccar/traccar's Gl200BinaryProtocolDecoder
(facts only), checked on its GB100 capture (a 270-point track near 39.61 N, 9.07 W, August
2017).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader

from .constants import COORD_SCALE

FULL: Final = 1
DELTA: Final = 2
MAX_POINTS: Final = 4096  # a frame of at most 4 KB holds fewer


def _bits(value: int, width: int, start: int, size: int) -> int:
    """``size`` bits of a ``width``-bit value, ``start`` bits from its most significant end."""
    return value >> (width - start - size) & ((1 << size) - 1)


def _signed(value: int, size: int) -> int:
    return value - (1 << size) if value >> (size - 1) else value


def track(r: Reader) -> list[Record]:
    count = r.u16()
    if count > MAX_POINTS:
        raise InvalidField(f"{count} compressed points")
    speed = heading = lat = lon = when = 0
    out: list[Record] = []
    for _ in range(count):
        if when:
            when += 1
        first = r.u8()
        kind = first >> 6
        if kind == FULL:
            head = first << 16 | r.u16()
            speed, heading = _bits(head, 24, 3, 12), _bits(head, 24, 15, 9)
            lon, lat = r.i32(), r.i32()
            if not when:
                when = r.u32()
        elif kind == DELTA:
            head = first << 32 | r.u32()
            speed += _signed(_bits(head, 40, 3, 7), 7)
            heading += _signed(_bits(head, 40, 10, 7), 7)
            lon += _signed(_bits(head, 40, 17, 12), 12)
            lat += _signed(_bits(head, 40, 29, 11), 11)
        else:
            continue
        out.append(_point(when, speed, heading, lon, lat))
    return out


def _point(when: int, speed: int, heading: int, lon: int, lat: int) -> Record:
    if not when:
        raise InvalidField("a compressed point before any time")
    x, y = lon / COORD_SCALE, lat / COORD_SCALE
    if not (-180 <= x <= 180 and -90 <= y <= 90) or not 0 <= heading <= 360 or speed < 0:
        raise InvalidField(f"compressed point out of range: {y} {x} {heading} {speed}")
    return Record(
        fix_time=datetime.fromtimestamp(when, UTC), kind=RecordKind.POSITION, valid=True,
        latitude=y, longitude=x, speed=speed / 10, course=float(heading),
    )  # fmt: skip
