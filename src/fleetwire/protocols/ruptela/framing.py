"""The Ruptela envelope: where a frame ends in a stream, checking one, building one.

`uint16 length` (bytes of payload) + payload (`IMEI uint64`, command id, data) + CRC-16/KERMIT of
the payload, big-endian. Server-to-device packets carry no IMEI. Knows nothing about what a
command id means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_kermit
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    CRC_SIZE,
    HEADER_SIZE,
    LENGTH_SIZE,
    MAX_IMEI,
    MAX_IMEI_BYTE1,
    MIN_PAYLOAD,
)

_U16: Final = struct.Struct(">H")
_HEAD: Final = struct.Struct(">HQB")  # length, IMEI, command id
_SKIP: Final = -1  # no start marker: resync one byte at a time


class Envelope(NamedTuple):
    """A checked frame: who sent it, its command id, and where its data lies."""

    imei: str
    command: int
    start: int  # first data byte after the command id
    end: int  # one past the last data byte


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE).

    The protocol has no start marker, so the IMEI's leading bytes (always 00 0x for a 15-digit
    number) stand in for one: they let the framer resync past garbage instead of trusting any
    two bytes as a length.
    """
    n = len(buf)
    if n < LENGTH_SIZE:
        return NEED_MORE
    length = (buf[0] << 8) | buf[1]
    if length < MIN_PAYLOAD:
        return _SKIP
    if n > 2 and buf[2] != 0:
        return _SKIP
    if n > 3 and buf[3] > MAX_IMEI_BYTE1:
        return _SKIP
    return length + LENGTH_SIZE + CRC_SIZE


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's length, CRC and IMEI; raise the device's error otherwise."""
    n = len(frame)
    if n < HEADER_SIZE + CRC_SIZE:
        raise TruncatedFrame(f"{n} bytes is no Ruptela packet")
    length, imei, command = _HEAD.unpack_from(frame)
    total = length + LENGTH_SIZE + CRC_SIZE
    if total != n:
        if total > n:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        # more bytes than the length field counts: no framer cuts such a frame from a stream
        raise FramingError(f"declared {total} bytes, got {n}")
    end = n - CRC_SIZE
    sent = _U16.unpack_from(frame, end)[0]
    with memoryview(frame) as mv:
        computed = crc16_kermit(mv[LENGTH_SIZE:end])
    if sent != computed:
        raise ChecksumError(f"CRC {sent:04x} in frame, {computed:04x} computed")
    if imei > MAX_IMEI:
        raise InvalidField(f"IMEI {imei} has more than 15 digits")
    return Envelope(f"{imei:015d}", command, HEADER_SIZE, end)


def build(payload: bytes) -> bytes:
    """Length + payload + CRC: a device packet (payload starts with the IMEI) or a server one."""
    return _U16.pack(len(payload)) + payload + _U16.pack(crc16_kermit(payload))


def device_packet(imei: int, command: int, data: bytes) -> bytes:
    return build(struct.pack(">QB", imei, command) + data)


def server_packet(command: int, data: bytes) -> bytes:
    return build(bytes((command,)) + data)
