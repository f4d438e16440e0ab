"""Walking the data records of a 0x04 message and the fields inside one record.

Owns the stepping rules: a record opens with its own UINT16 length (head included), then its
sequence number, RTC time and log reason; then fields, each `id (1) length (1) value`. Knows
nothing about what a field means (decoding.py does).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Final, NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame

from .constants import RECORD_HEAD

_HEAD: Final = struct.Struct("<HIIB")


class RecordHead(NamedTuple):
    sequence: int
    rtc: int  # seconds since 2013; 0 while the device clock is not set
    reason: int  # log reason
    start: int  # first field byte
    end: int  # one past the record


class Field(NamedTuple):
    id: int
    start: int
    end: int


def walk_records(frame: bytes, start: int, end: int) -> Iterator[RecordHead]:
    pos = start
    while pos < end:
        if pos + RECORD_HEAD > end:
            raise TruncatedFrame(f"record head at offset {pos} needs {RECORD_HEAD} bytes")
        length, sequence, rtc, reason = _HEAD.unpack_from(frame, pos)
        if length < RECORD_HEAD:
            raise InvalidField(f"record length {length} at offset {pos}")
        if pos + length > end:
            raise TruncatedFrame(f"record of {length} bytes at offset {pos} overruns the message")
        yield RecordHead(sequence, rtc, reason, pos + RECORD_HEAD, pos + length)
        pos += length


def count_records(frame: bytes, start: int, end: int) -> int:
    """How many whole records the message holds; stops quietly at the first broken one."""
    count = 0
    pos = start
    while pos + RECORD_HEAD <= end:
        length = frame[pos] | (frame[pos + 1] << 8)
        if length < RECORD_HEAD or pos + length > end:
            break
        count += 1
        pos += length
    return count


def walk_fields(frame: bytes, head: RecordHead) -> Iterator[Field]:
    # A length byte of 255 is taken literally: no sourced document says it escapes a longer one.
    pos, end = head.start, head.end
    while pos < end:
        if pos + 2 > end:
            raise TruncatedFrame(f"field head at offset {pos} overruns its record")
        fid, size = frame[pos], frame[pos + 1]
        pos += 2
        if pos + size > end:
            raise TruncatedFrame(f"field {fid} of {size} bytes at offset {pos} overruns its record")
        yield Field(fid, pos, pos + size)
        pos += size
