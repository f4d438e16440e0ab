"""Tramigo 0x04 binary reports to Records.

Layout (facts from traccar/traccar TramigoProtocolDecoder.decode04 and its test frames, all
little-endian): protocol 0x04, length of the whole frame (2), checksum (2, algorithm not
public, not checked), message number (2), the unit's IMEI as two u32 (the first eight digits,
then the last seven), the unit's time (u32 unix seconds), then blocks, each a type byte and its
content:

- 0 report (41 bytes): event (2), event data (4), status (2, bit 5 ignition), latitude and
  longitude (i32 1e-5 degrees), speed (km/h, 2), course (2), signal (1), GPS state (1),
  battery level (%, 1), trip distance (2), max acceleration and deceleration (2 each),
  bearing (2) and distance (4) to the landmark, fix time (u32 unix seconds), reserved (1);
- 1 landmark and 50 console: their own length (2, counting the type and length bytes) and
  text; 22 zone: flag (1), name length (2), name;
- 4 trip (53), 20 extended (32), 30 system status (79), 40 analog (40), 255 acknowledgement (4):
  fixed sizes, contents not decoded.

A frame without a report block (a trip summary with its landmarks) gives no record. A unit
whose clock was never set counts from 2000-01-01 since power-up (a captured report reads
2000-01-01 00:00:15 with a Harare position matching its landmark): its coordinates are the
last fix the unit kept, so the record is an invalid fix dated by its arrival.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

_HEADER: Final = struct.Struct("<BHHHIII")  # protocol, length, checksum, number, imei x2, time
_REPORT: Final = struct.Struct("<HIHiiHHBBBHHHHIIB")
_FIXED: Final[dict[int, int]] = {4: 53, 20: 32, 30: 79, 40: 40, 255: 4}
_SIZED: Final = frozenset({1, 50})  # own length u16, counting the type and length bytes
_ZONE: Final = 22
_REPORT_TYPE: Final = 0
# A clock that counts from 2000-01-01 since power-up reads this side of 2010, before the first
# Tramigo GPRS units; no real fix of theirs is dated earlier.
_CLOCK_SET: Final = int(datetime(2010, 1, 1, tzinfo=UTC).timestamp())
_COORD: Final = 100_000  # 1e-5 degrees; dividing keeps the decimal digits exact
_IGNITION_BIT: Final = 1 << 5


def unit_id(frame: bytes) -> str:
    """The unit's IMEI: the header's two u32, eight digits then seven."""
    if len(frame) < _HEADER.size:
        raise TruncatedFrame(f"Tramigo binary frame of {len(frame)} bytes")
    _, _, _, _, high, low, _ = _HEADER.unpack_from(frame)
    if high > 99_999_999 or low > 9_999_999:
        raise InvalidField(f"Tramigo unit id {high}/{low} is no IMEI")
    return f"{high:08d}{low:07d}"


def _report(content: bytes, at: int, number: int, ctx: DecodeContext) -> Record:
    (event, _, status, lat, lon, speed, course, rssi, gps, battery, _, _, _, _, _, fix, _) = (
        _REPORT.unpack_from(content, at)
    )
    latitude, longitude = lat / _COORD, lon / _COORD
    if abs(latitude) > 90 or abs(longitude) > 180 or course > 360 or battery > 100:
        raise InvalidField(f"report {latitude} {longitude} course {course} battery {battery}")
    clock_set = fix >= _CLOCK_SET
    rec = Record(
        fix_time=datetime.fromtimestamp(fix, UTC) if clock_set else ctx.received,
        kind=RecordKind.POSITION, valid=clock_set, latitude=latitude, longitude=longitude,
        speed=float(speed), course=float(course),
    )  # fmt: skip
    rec.attributes.update(
        index=number, event=event, status=status, ignition=bool(status & _IGNITION_BIT),
        rssi=rssi, gps=gps, batteryLevel=battery,
    )  # fmt: skip
    return rec


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    unit_id(frame)
    number = _HEADER.unpack_from(frame)[3]
    at, records = _HEADER.size, []
    while at < len(frame):
        kind, at = frame[at], at + 1
        if kind == _REPORT_TYPE:
            size = _REPORT.size
            if at + size <= len(frame):
                records.append(_report(frame, at, number, ctx))
        elif kind in _FIXED:
            size = _FIXED[kind]
        elif kind in _SIZED and at + 2 <= len(frame):
            size = (frame[at] | frame[at + 1] << 8) - 1  # the length counts the type byte
        elif kind == _ZONE and at + 3 <= len(frame):
            size = 3 + (frame[at + 1] | frame[at + 2] << 8)
        else:
            raise InvalidField(f"Tramigo binary block {kind} at {at - 1} unknown or cut short")
        if size < 0 or at + size > len(frame):
            raise InvalidField(f"Tramigo binary block {kind} at {at - 1} runs past the frame")
        at += size
    return records
