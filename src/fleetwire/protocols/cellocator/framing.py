"""The Cellocator envelope: where a message ends in a stream, checking one, building one.

Every message starts with the system code "MCGP", then the message type and the unit id
(uint32 LE), and ends with an additive checksum: the low byte of the sum of every byte after
the system code (vendor "Error Detection Code"; checked on the vendor's own Type 0 example).
Type 0 is 70 bytes; Type 11 carries a 16-bit length; any other type runs to the next system
code (its checksum is still checked). Knows nothing about what a field means.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    CHECKSUM_SIZE,
    MODULAR_HEADER_SIZE,
    MODULAR_LENGTH_OFFSET,
    NUMERATOR_OFFSET,
    STATUS_SIZE,
    SYSTEM_CODE,
    SYSTEM_CODE_SIZE,
    TYPE_OFFSET,
    UNIT_ID_OFFSET,
    MessageType,
)

_SKIP: Final = -1  # resync one byte at a time until the next "MCGP"
_UNSIZED: Final = -2  # a type without a sourced length (internal to this module)
_MIN_SIZE: Final = NUMERATOR_OFFSET + 1 + CHECKSUM_SIZE


class Envelope(NamedTuple):
    """A checked message: its type, who sent it and the numerator an acknowledge echoes."""

    type: int
    unit_id: int
    numerator: int


def checksum(data: Buffer) -> int:
    return sum(data) & 0xFF


def _declared(buf: Buffer) -> int:
    """The size the header announces, NEED_MORE while it cannot tell, _SKIP if it never can."""
    kind = buf[TYPE_OFFSET]
    if kind == MessageType.STATUS:
        return STATUS_SIZE
    if kind == MessageType.MODULAR_EXTENDED:
        if len(buf) < MODULAR_HEADER_SIZE:
            return NEED_MORE
        length = buf[MODULAR_LENGTH_OFFSET] | (buf[MODULAR_LENGTH_OFFSET + 1] << 8)
        return MODULAR_HEADER_SIZE + length + CHECKSUM_SIZE
    # Types whose length this package cannot source (9, 3, 7, 8 ...) end where the next system
    # code starts: kept in the raw log for a later decoder (and replay), never guessed at
    return _UNSIZED


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    head = min(n, SYSTEM_CODE_SIZE)
    if bytes(buf[:head]) != SYSTEM_CODE[:head]:
        return _SKIP
    if n <= TYPE_OFFSET:
        return NEED_MORE
    size = _declared(buf)
    if size != _UNSIZED:
        return size
    following = bytes(buf).find(SYSTEM_CODE, SYSTEM_CODE_SIZE)
    return following if following >= _MIN_SIZE else NEED_MORE if following < 0 else _SKIP


def open_frame(frame: bytes) -> Envelope:
    """Check a whole message's system code, size and checksum; raise the device's error."""
    n = len(frame)
    if frame[:SYSTEM_CODE_SIZE] != SYSTEM_CODE[: min(n, SYSTEM_CODE_SIZE)]:
        raise FramingError(f"no Cellocator system code: {frame[:4].hex()}")
    if n < _MIN_SIZE:
        raise TruncatedFrame(f"{n} bytes is no Cellocator message")
    declared = _declared(frame)
    if declared == NEED_MORE:
        raise TruncatedFrame(f"{n} bytes end inside the header")
    if declared > 0 and declared != n:
        if declared > n:
            raise TruncatedFrame(f"declared {declared} bytes, have {n}")
        raise InvalidField(f"declared {declared} bytes, got {n}")
    sent = frame[-1]
    computed = checksum(memoryview(frame)[SYSTEM_CODE_SIZE:-CHECKSUM_SIZE])
    if sent != computed:
        raise ChecksumError(f"checksum {sent:02x} in frame, {computed:02x} computed")
    unit_id = int.from_bytes(frame[UNIT_ID_OFFSET : UNIT_ID_OFFSET + 4], "little")
    return Envelope(frame[TYPE_OFFSET], unit_id, frame[NUMERATOR_OFFSET])


def build(body: bytes) -> bytes:
    """System code + body (from the message type on) + checksum of the body."""
    return SYSTEM_CODE + body + bytes((checksum(body),))
