"""The MiniFinder envelope: where a frame ends in a stream, checking one, building one.

`AB` + properties + body length (u16 LE) + CRC-16/XMODEM of the body (u16 LE) + sequence id
(u16 LE) + body (message type, then key records). Knows nothing about what a key means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_xmodem
from fleetwire.protocols.base import NEED_MORE

from .constants import HEADER, HEADER_SIZE, MAX_BODY, Message

_HEAD: Final = struct.Struct("<BBHHH")  # header, properties, length, CRC, sequence id
_KNOWN: Final = frozenset(int(m) for m in Message)


class Envelope(NamedTuple):
    """A checked frame: its properties, sequence id, message type and where its keys lie."""

    properties: int
    sequence: int
    message: int
    start: int  # first byte after the message type
    end: int  # one past the last body byte


def _skip_to_header(buf: Buffer, n: int) -> int:
    """Skip up to the next possible header byte (none: all of it)."""
    for i in range(1, n):
        if buf[i] == HEADER:
            return -i
    return -n


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE).

    Only `AB` starts a frame; a zero length or a message type the protocol does not define means
    that `AB` was garbage, so the framer resyncs at the next one instead of trusting any length.
    """
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != HEADER:
        return _skip_to_header(buf, n)
    if n < 4:
        return NEED_MORE
    length = buf[2] | (buf[3] << 8)
    if length == 0:
        return _skip_to_header(buf, n)
    if n <= HEADER_SIZE:
        return NEED_MORE
    if buf[HEADER_SIZE] not in _KNOWN:
        return _skip_to_header(buf, n)
    return HEADER_SIZE + length


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's header, length and CRC; raise the device's error otherwise."""
    n = len(frame)
    if n <= HEADER_SIZE:
        raise TruncatedFrame(f"{n} bytes is no MiniFinder message")
    header, properties, length, sent, sequence = _HEAD.unpack_from(frame)
    if header != HEADER:
        raise InvalidField(f"header {header:02x}, expected {HEADER:02x}")
    total = HEADER_SIZE + length
    if total > n:
        raise TruncatedFrame(f"declared {total} bytes, have {n}")
    if total != n or length == 0:
        raise InvalidField(f"declared {total} bytes, got {n}")
    with memoryview(frame) as mv:
        computed = crc16_xmodem(mv[HEADER_SIZE:])
    if sent != computed:
        raise ChecksumError(f"CRC {sent:04x} in frame, {computed:04x} computed")
    return Envelope(properties, sequence, frame[HEADER_SIZE], HEADER_SIZE + 1, n)


def build(properties: int, sequence: int, body: bytes) -> bytes:
    """A whole message around ``body`` (message type + key records)."""
    if not 0 < len(body) <= MAX_BODY:
        raise ValueError(f"body of {len(body)} bytes")  # our bug, never the device's
    return _HEAD.pack(HEADER, properties, len(body), crc16_xmodem(body), sequence) + body


def record(key: int, value: bytes = b"") -> bytes:
    """One key record: length (key + value), key, value."""
    return bytes((len(value) + 1, key)) + value
