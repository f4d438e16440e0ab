"""Walking the key records of a MiniFinder message body (length, key, value), shared by inspect
(the IMEI, the record count) and decoding. Knows the record boundaries, not what keys mean."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Final, NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame

from .constants import IMEI_SIZE, TIMED_SIZE, Key

_U32: Final = struct.Struct("<I")
# keys whose value starts with their own time: each begins a record of a data message
_TIMED_START: Final = frozenset({Key.GENERAL, Key.COUNTER})


class Field(NamedTuple):
    key: int
    start: int  # first value byte
    end: int  # one past the last value byte


def fields(frame: bytes, start: int, end: int) -> Iterator[Field]:
    pos = start
    while pos < end:
        size = frame[pos]
        if size == 0:
            raise InvalidField(f"key record of length 0 at offset {pos}")
        stop = pos + 1 + size
        if stop > end:
            raise TruncatedFrame(f"key record of {size} bytes at offset {pos}, frame ends at {end}")
        yield Field(frame[pos + 1], pos + 2, stop)
        pos = stop


def imei(frame: bytes, start: int, end: int) -> str | None:
    """The IMEI of the first key record, when the message starts with one."""
    first = next(fields(frame, start, end), None)
    if first is None or first.key != Key.IMEI:
        return None
    raw = frame[first.start : first.end]
    if len(raw) != IMEI_SIZE or not raw.isdigit():
        raise InvalidField(f"IMEI {raw!r} is not {IMEI_SIZE} digits")
    return raw.decode("ascii")


def time_of(frame: bytes, f: Field) -> int:
    """The Unix time in a general-data, counter or alarm value (the alarm's follows its bits)."""
    if f.end - f.start < TIMED_SIZE:
        raise InvalidField(f"key {f.key:#04x} of {f.end - f.start} bytes, needs {TIMED_SIZE}")
    offset = 4 if f.key == Key.ALARM else 0
    return int(_U32.unpack_from(frame, f.start + offset)[0])


def split(frame: bytes, start: int, end: int) -> list[list[Field]]:
    """The key records of a data message grouped into records.

    A record starts at each general-data (0x24) or counter (0x37) key, which carry their own time;
    an alarm (0x02) joins the record it follows when it has that record's time or no time at all,
    else it starts its own. Keys before the first such key (other than the IMEI) form a record of
    their own.
    """
    groups: list[list[Field]] = []
    current: list[Field] = []
    current_time: int | None = None
    for f in fields(frame, start, end):
        if f.key == Key.IMEI and not groups and not current:
            continue
        starts = f.key in _TIMED_START
        if f.key == Key.ALARM:
            # a 4-byte alarm (bits without a time, a firmware variant in real captures) belongs
            # to the record it follows
            timed = f.end - f.start >= TIMED_SIZE
            starts = timed and time_of(frame, f) != current_time
        if starts and current:
            groups.append(current)
            current = []
        if starts:
            current_time = time_of(frame, f)
        current.append(f)
    if current:
        groups.append(current)
    return groups
