"""The TZONE envelope: where a frame ends in a stream, checking one, building one.

`"TZ"` + `uint16 length` + [protocol number (2), hardware type (2), firmware version (4), IMEI
(8, BCD with the first nibble ignored), data ..., packet index (2), CRC (2)] + `0D 0A`. The
length counts the bracketed bytes. The CRC is CRC-16/MODBUS of the protocol number .. packet
index, big-endian: the documents say only "CRC", the older TZONE "$$" protocol names
CRC-16 modbus, and it matches every capture. Knows nothing about what the data blocks mean.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_modbus
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    BODY_START,
    CRC_SIZE,
    HEADER_END,
    INDEX_SIZE,
    LENGTH_SIZE,
    MIN_LENGTH,
    OVERHEAD,
    START,
    START_SIZE,
    TAIL,
    TAIL_SIZE,
)

_HEAD: Final = struct.Struct(">2sHHH4s")  # start, length, protocol, hardware, firmware
_U16: Final = struct.Struct(">H")
_T: Final = START[0]
_Z: Final = START[1]


class Envelope(NamedTuple):
    """A checked frame: what its header says, and where its data blocks lie."""

    protocol: int
    hardware: int
    firmware: str  # "1.14.0.0": one version level per byte
    imei: str
    packet_index: int  # the packet index the ACK echoes
    start: int  # first data byte (the RTC date-time)
    end: int  # one past the last data byte (the packet index)


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE): resync on the "TZ" start."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _T:
        at = bytes(buf).find(START[:1], 1)  # garbage only: the copy is not on the hot path
        return -(at if at > 0 else n)
    if n < START_SIZE:
        return NEED_MORE
    if buf[1] != _Z:
        return -1
    if n < START_SIZE + LENGTH_SIZE:
        return NEED_MORE
    length = (buf[2] << 8) | buf[3]
    if length < MIN_LENGTH:
        return -START_SIZE
    return length + OVERHEAD


def imei_of(raw: bytes) -> str:
    """The 8 IMEI bytes: BCD, "the high four bits of the first byte are ignored"."""
    digits = raw.hex()[1:]
    if not digits.isdigit():
        raise InvalidField(f"IMEI is not BCD: {raw.hex()}")
    return digits


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's start, length, tail, CRC and IMEI; raise the device's error."""
    n = len(frame)
    if n < MIN_LENGTH + OVERHEAD:
        raise TruncatedFrame(f"{n} bytes is no TZONE frame")
    start, length, protocol, hardware, firmware = _HEAD.unpack_from(frame)
    if start != START:
        raise InvalidField(f"frame starts {start!r}, not TZ")
    total = length + OVERHEAD
    if total != n:
        if total > n:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise InvalidField(f"declared {total} bytes, got {n}")
    if frame[-TAIL_SIZE:] != TAIL:
        raise InvalidField(f"frame ends {frame[-TAIL_SIZE:].hex()}, not 0d0a")
    crc_at = n - TAIL_SIZE - CRC_SIZE
    sent = _U16.unpack_from(frame, crc_at)[0]
    with memoryview(frame) as mv:
        computed = crc16_modbus(mv[START_SIZE + LENGTH_SIZE : crc_at])
    if sent != computed:
        raise ChecksumError(f"CRC {sent:04x} in frame, {computed:04x} computed")
    imei = imei_of(frame[HEADER_END:BODY_START])
    end = crc_at - INDEX_SIZE
    index = _U16.unpack_from(frame, end)[0]
    version = ".".join(str(b) for b in firmware)
    return Envelope(protocol, hardware, version, imei, index, BODY_START, end)


def build(
    protocol: int, hardware: int, firmware: bytes, imei: str, data: bytes, index: int
) -> bytes:
    """A whole frame around ``data`` (the RTC date-time and the blocks after it)."""
    inner = b"".join(
        (
            _U16.pack(protocol),
            _U16.pack(hardware),
            firmware,
            bytes.fromhex(imei.rjust(16, "0")),
            data,
            _U16.pack(index),
        )
    )
    crc = crc16_modbus(inner)
    return b"".join((START, _U16.pack(len(inner) + CRC_SIZE), inner, _U16.pack(crc), TAIL))
