"""Walking the tags of a Galileosky main packet: where each tag's value lies, and which tags
make up one record.

Owns the stepping rules (fixed sizes from the tag table, length-prefixed variable tags) and the
record boundary rule: the device writes each record's tags once, in its configured order, so a
tag that appears again starts the next record. Knows nothing about what a value means.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame

from .constants import TAG_SIZES, VARIABLE_TAGS, Tag

_IMEI = Tag.IMEI
_DEVICE_ID = Tag.DEVICE_ID
_LAST_HEAD_TAG = Tag.DEVICE_ID


class TagValue(NamedTuple):
    tag: int
    start: int
    end: int


def walk(frame: bytes, start: int, end: int) -> Iterator[TagValue]:
    """Every tag between ``start`` and ``end``; an unknown tag cannot be stepped over."""
    pos = start
    while pos < end:
        tag = frame[pos]
        pos += 1
        size = TAG_SIZES.get(tag)
        if size is None:
            prefix = VARIABLE_TAGS.get(tag)
            if prefix is None:
                raise InvalidField(f"unknown tag {tag:02x} at offset {pos - 1}")
            if pos + prefix > end:
                raise TruncatedFrame(f"tag {tag:02x} without its length")
            size = int.from_bytes(frame[pos : pos + prefix], "little")
            pos += prefix
        if pos + size > end:
            raise TruncatedFrame(f"tag {tag:02x} needs {size} bytes at offset {pos}")
        yield TagValue(tag, pos, pos + size)
        pos += size


def records(frame: bytes, start: int, end: int) -> Iterator[list[TagValue]]:
    """The tags grouped per record."""
    current: list[TagValue] = []
    seen: set[int] = set()
    for tv in walk(frame, start, end):
        if tv.tag in seen:
            yield current
            current, seen = [], set()
        current.append(tv)
        seen.add(tv.tag)
    if current:
        yield current


def first_imei(frame: bytes, start: int, end: int) -> tuple[str | None, int | None]:
    """The IMEI and device id of the head tags (0x01-0x04), which come first when present.

    Cheap: stops at the first tag past them, so whatever follows does not matter here.
    """
    imei: str | None = None
    device_id: int | None = None
    pos = start
    while pos < end and frame[pos] <= _LAST_HEAD_TAG:
        tag = frame[pos]
        size = TAG_SIZES.get(tag)
        if size is None:
            raise InvalidField(f"unknown tag {tag:02x} at offset {pos}")
        value = frame[pos + 1 : pos + 1 + size]
        if len(value) != size or pos + 1 + size > end:
            raise TruncatedFrame(f"tag {tag:02x} needs {size} bytes at offset {pos + 1}")
        if tag == _IMEI:
            if not value.isdigit():
                raise InvalidField(f"IMEI {value!r} is not digits")
            imei = value.decode("ascii")
        elif tag == _DEVICE_ID:
            device_id = int.from_bytes(value, "little")
        pos += 1 + size
    return imei, device_id
