"""The Galileosky envelope: where a packet ends in a stream, checking one, building one.

`header(1)`, `length(2, LE; bit 15: archive flag)`, `length` bytes, `CRC-16/MODBUS(2, LE)` over
everything before it. The confirmation is `02` + the received checksum bytes. Knows nothing
about what the tags mean (tags.py walks them).
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_modbus
from fleetwire.protocols.base import NEED_MORE

from .constants import ARCHIVE_FLAG, CRC_SIZE, HEAD_SIZE, HEADERS, LENGTH_MASK, Header

_U16LE: Final = struct.Struct("<H")
_SKIP: Final = -1


class Envelope(NamedTuple):
    header: int
    start: int  # first byte after the length
    end: int  # one past the last byte before the checksum
    archive: bool  # the device has more records waiting


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next packet (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] not in HEADERS:
        return _SKIP
    if n < HEAD_SIZE:
        return NEED_MORE
    length = (buf[1] | (buf[2] << 8)) & LENGTH_MASK
    if length == 0:
        return _SKIP
    return HEAD_SIZE + length + CRC_SIZE


def open_frame(frame: bytes) -> Envelope:
    """Check a whole packet's header, length and checksum; raise the device's error otherwise."""
    n = len(frame)
    if n < HEAD_SIZE + CRC_SIZE:
        raise TruncatedFrame(f"{n} bytes is no Galileosky packet")
    if frame[0] not in HEADERS:
        raise FramingError(f"header {frame[0]:02x}")
    raw = _U16LE.unpack_from(frame, 1)[0]
    total = HEAD_SIZE + (raw & LENGTH_MASK) + CRC_SIZE
    if total != n:
        if total > n:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise InvalidField(f"declared {total} bytes, got {n}")
    end = n - CRC_SIZE
    sent = _U16LE.unpack_from(frame, end)[0]
    with memoryview(frame) as mv:
        computed = crc16_modbus(mv[:end])
    if sent != computed:
        raise ChecksumError(f"CRC {sent:04x} in packet, {computed:04x} computed")
    return Envelope(frame[0], HEAD_SIZE, end, bool(raw & ARCHIVE_FLAG))


def confirmation(frame: bytes) -> bytes:
    """The server's confirmation of a packet: 02 and the packet's checksum as it was sent."""
    return bytes((Header.CONFIRM,)) + frame[-CRC_SIZE:]


def build(header: int, body: bytes, archive: bool = False) -> bytes:
    """A packet around ``body``; checksum computed here."""
    length = len(body) | (ARCHIVE_FLAG if archive else 0)
    packet = bytes((header,)) + _U16LE.pack(length) + body
    return packet + _U16LE.pack(crc16_modbus(packet))
