"""The FLEX record layout: which fields a record holds (the *>FLEX bitfield) and where each lies.

Owns the bitfield rules of the vendor document ("*>FLEX": protocol 0xB0, protocol version,
structure version, number of bits, then the bits, field 1 in the most significant bit of the
first byte) and the record walk. A record's length is always known from the message length, so
fields after the first field this package cannot size are stepped over as a block; a field
number that the bitfield sets but that comes before every sizeable field cannot be located and
is never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame

from .constants import FIELD_SIZES, FLEX_PROTOCOL, FLEX_REQUEST, MAX_FLEX_FIELDS

_VERSIONS: Final = 3  # protocol, protocol version, structure version


@dataclass(frozen=True, slots=True)
class Layout:
    bitfield: bytes
    fields: tuple[int, ...]  # field numbers present, ascending
    known: tuple[tuple[int, int, int], ...]  # (field, offset, size) up to the first unsizeable
    size: int | None  # whole record size, None when a field cannot be sized

    @classmethod
    def from_bits(cls, bitfield: bytes, count: int) -> Layout:
        fields = tuple(i + 1 for i in range(count) if bitfield[i // 8] & (0x80 >> (i % 8)))
        known: list[tuple[int, int, int]] = []
        offset = 0
        complete = True
        for f in fields:
            size = FIELD_SIZES.get(f)
            if size is None:
                complete = False
                break
            known.append((f, offset, size))
            offset += size
        return cls(bitfield, fields, tuple(known), offset if complete else None)

    @classmethod
    def from_hex(cls, text: str) -> Layout:
        try:
            raw = bytes.fromhex(text)
        except ValueError as e:
            raise InvalidField(f"bitfield {text!r}") from e
        return cls.from_bytes(raw)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Layout:
        return cls.from_bits(raw, min(len(raw) * 8, MAX_FLEX_FIELDS))

    @property
    def known_size(self) -> int:
        return sum(size for _, _, size in self.known)

    def check_records(self, total: int, count: int) -> int:
        """The record size of ``count`` records in ``total`` bytes, checked against the layout."""
        if count <= 0 or total % count:
            raise InvalidField(f"{total} record bytes do not hold {count} records")
        stride = total // count
        if self.size is not None and stride != self.size:
            raise InvalidField(f"records of {stride} bytes, the bitfield gives {self.size}")
        if self.size is None and stride <= self.known_size:
            raise InvalidField(f"records of {stride} bytes, the sized fields alone take more")
        return stride

    def walk(self, frame: bytes, start: int) -> Iterator[tuple[int, bytes]]:
        for field, offset, size in self.known:
            yield field, frame[start + offset : start + offset + size]


def layout_from_request(body: bytes) -> Layout:
    """The layout a `*>FLEX` body declares; its length must match its bit count."""
    head = len(FLEX_REQUEST) + _VERSIONS + 1
    if len(body) < head:
        raise TruncatedFrame(f"*>FLEX body of {len(body)} bytes")
    if body[len(FLEX_REQUEST)] != FLEX_PROTOCOL:
        raise InvalidField(f"*>FLEX protocol {body[len(FLEX_REQUEST)]:02x}")
    count = body[head - 1]
    size = (count + 7) // 8
    if len(body) != head + size:
        if len(body) < head + size:
            raise TruncatedFrame(f"*>FLEX of {count} bits with {len(body) - head} bytes")
        raise InvalidField(f"*>FLEX of {count} bits with {len(body) - head} bytes")
    return Layout.from_bits(body[head:], count)
