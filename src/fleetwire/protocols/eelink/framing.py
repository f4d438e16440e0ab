"""The Eelink envelopes: where a package ends in a stream, checking one, building one.

A package is `67 67`, pid, size (2: sequence + content), sequence (2), content. Over UDP a
datagram may carry `45 4C` ("EL"), size, checksum (2), IMEI (8, BCD) in front of the package;
that checksum's algorithm is not documented in the sources at hand, so it is not checked. Knows
nothing about what a pid means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, bcd
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    HEAD_SIZE,
    IMEI_BYTES,
    MARK,
    SEQUENCE_SIZE,
    UDP_HEAD_SIZE,
    UDP_MARK,
    UDP_PREFIX,
)

_HEAD: Final = struct.Struct(">2sBHH")  # mark, pid, size, sequence
_G = 0x67
_E = 0x45
_L = 0x4C
_MIN_UDP_SIZE: Final = UDP_PREFIX + HEAD_SIZE + SEQUENCE_SIZE


class Package(NamedTuple):
    pid: int
    sequence: int
    start: int  # first content byte
    end: int  # one past the last content byte
    imei: str | None  # from the UDP header, when there is one


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next package or UDP datagram (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    first = buf[0]
    if first not in (_G, _E):
        return -garbage_before(buf, bytes((_G, _E)))
    if n < 2:
        return NEED_MORE
    if first == _G and buf[1] == _G:
        if n < HEAD_SIZE:
            return NEED_MORE
        size = (buf[3] << 8) | buf[4]
        return HEAD_SIZE + size if size >= SEQUENCE_SIZE else -1
    if first == _E and buf[1] == _L:
        if n < UDP_HEAD_SIZE:
            return NEED_MORE
        size = (buf[2] << 8) | buf[3]
        if size < _MIN_UDP_SIZE:
            return -1
        if n >= UDP_HEAD_SIZE + UDP_PREFIX + 2 and bytes(buf[14:16]) != MARK:
            return -1  # the package must follow the IMEI
        return UDP_HEAD_SIZE + size
    return -1


def _package(frame: bytes, start: int, imei: str | None) -> Package:
    if len(frame) - start < HEAD_SIZE + SEQUENCE_SIZE:
        raise TruncatedFrame(f"{len(frame) - start} bytes is no Eelink package")
    mark, pid, size, sequence = _HEAD.unpack_from(frame, start)
    if mark != MARK:
        raise FramingError(f"bad mark {mark.hex()}")
    if size < SEQUENCE_SIZE:
        raise InvalidField(f"package size {size}")
    end = start + HEAD_SIZE + size
    if end != len(frame):
        if end > len(frame):
            raise TruncatedFrame(f"package of {end - start} bytes, have {len(frame) - start}")
        raise InvalidField(f"package of {end - start} bytes in a {len(frame)}-byte frame")
    return Package(pid, sequence, start + HEAD_SIZE + SEQUENCE_SIZE, end, imei)


def open_frame(frame: bytes) -> Package:
    """Check a whole package (or UDP datagram) and say where its content lies."""
    if frame[:2] != UDP_MARK:
        return _package(frame, 0, None)
    if len(frame) < UDP_HEAD_SIZE + UDP_PREFIX:
        raise TruncatedFrame(f"{len(frame)}-byte UDP header")
    size = int.from_bytes(frame[2:4], "big")
    if UDP_HEAD_SIZE + size != len(frame):
        if UDP_HEAD_SIZE + size > len(frame):
            raise TruncatedFrame(f"datagram size {size}, have {len(frame) - UDP_HEAD_SIZE}")
        raise InvalidField(f"datagram size {size}, got {len(frame) - UDP_HEAD_SIZE}")
    digits = bcd(frame[6 : 6 + IMEI_BYTES])
    return _package(frame, UDP_HEAD_SIZE + UDP_PREFIX, digits[1:] if digits[0] == "0" else digits)


def build(pid: int, sequence: int, content: bytes = b"") -> bytes:
    """A package; with no content, the standard response to a package of that pid/sequence."""
    return _HEAD.pack(MARK, pid, SEQUENCE_SIZE + len(content), sequence & 0xFFFF) + content
