"""The ARNAVI envelopes: where a HEADER or PACKAGE ends in a stream, opening one, building one,
and the SERVER_COM confirmations.

HEADER: `FF`, version, uint64 LE id (10 bytes). PACKAGE: `5B`, parcel number, PACKETs, `5D`;
a PACKET is type, uint16 LE length, uint32 LE unix time, `length` data bytes, 1 checksum byte.
The package declares no length, so its end is found by stepping over the packets (a `5D` can
occur inside packet data). `5B FD <result> 5D` is the device's answer to a command.
SERVER_COM: `7B`, data length, parcel number, [checksum, data], `7D`.

The packet checksum byte is kept but not checked: the algorithm is not in the part of the vendor
document we could read, and the public captures do not agree with a plain byte sum; a checksum
we guessed wrong would refuse every real package, and an unconfirmed package comes back forever.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Final, NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from . import text
from .constants import (
    HEADER_SIGN,
    HEADER_SIZE,
    MAX_FRAME_SIZE,
    MIN_PACKAGE,
    PACKAGE_END,
    PACKAGE_START,
    PACKET_HEAD,
    PACKET_OVERHEAD,
    RESULT_PARCEL,
    RESULT_SIZE,
    SERVER_COM_END,
    SERVER_COM_START,
    HeaderVersion,
)

_SKIP: Final = -1
TEXT_START: Final = text.START[0]  # "$": a line of the text protocol (text.py)
_HEADER: Final = struct.Struct("<BBQ")
_PACKET_HEAD: Final = struct.Struct("<BHI")
_VERSIONS: Final = frozenset(HeaderVersion)


class Packet(NamedTuple):
    type: int
    time: int  # unix seconds, UTC
    start: int  # first data byte
    end: int  # one past the last data byte (the checksum byte follows)


def _package_length(buf: Buffer, n: int) -> int:
    if buf[1] == RESULT_PARCEL:
        if n < RESULT_SIZE:
            return NEED_MORE
        return RESULT_SIZE if buf[3] == PACKAGE_END else _SKIP
    pos = 2
    while pos < n:
        if buf[pos] == PACKAGE_END:
            return pos + 1
        if pos + 3 > n:
            return NEED_MORE
        pos += PACKET_OVERHEAD + (buf[pos + 1] | (buf[pos + 2] << 8))
        if pos > MAX_FRAME_SIZE:
            return pos  # the framer refuses it as too large
    return NEED_MORE


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next HEADER or PACKAGE (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    first = buf[0]
    if first == HEADER_SIGN:
        if n < 2:
            return NEED_MORE
        return HEADER_SIZE if buf[1] in _VERSIONS else _SKIP
    if first == PACKAGE_START:
        return NEED_MORE if n < 2 else _package_length(buf, n)
    if first == TEXT_START:
        return text.frame_length(buf)
    return _SKIP


def is_header(frame: bytes) -> bool:
    return len(frame) > 0 and frame[0] == HEADER_SIGN


def open_header(frame: bytes) -> tuple[HeaderVersion, int]:
    """The version and device id of a whole HEADER."""
    if len(frame) != HEADER_SIZE:
        if len(frame) < HEADER_SIZE:
            raise TruncatedFrame(f"HEADER of {len(frame)} bytes, need {HEADER_SIZE}")
        raise InvalidField(f"HEADER of {len(frame)} bytes")
    sign, version, device_id = _HEADER.unpack(frame)
    if sign != HEADER_SIGN:
        raise FramingError(f"HEADER sign {sign:02x}")
    if version not in _VERSIONS:
        raise InvalidField(f"unknown HEADER version {version:02x}")
    if device_id == 0:
        raise InvalidField("HEADER without a device id")
    return HeaderVersion(version), device_id


def _check_package(frame: bytes) -> int:
    n = len(frame)
    if n < MIN_PACKAGE:
        raise TruncatedFrame(f"{n} bytes is no ARNAVI package")
    if frame[0] != PACKAGE_START:
        raise FramingError(f"package sign {frame[0]:02x}")
    if frame[-1] != PACKAGE_END:
        raise TruncatedFrame("package without its closing 5D")
    return frame[1]


def packets(frame: bytes) -> Iterator[Packet]:
    """Every packet of a whole package; the packets must end exactly at its closing 5D."""
    end = len(frame) - 1
    pos = 2
    while pos < end:
        if pos + PACKET_HEAD > end:
            raise TruncatedFrame(f"packet head at offset {pos} runs past the package")
        kind, length, time = _PACKET_HEAD.unpack_from(frame, pos)
        start = pos + PACKET_HEAD
        stop = start + length
        if stop + 1 > end:
            raise TruncatedFrame(f"packet of {length} bytes at offset {pos} runs past the package")
        yield Packet(kind, time, start, stop)
        pos = stop + 1


def open_package(frame: bytes) -> tuple[int, list[Packet]]:
    """The parcel number and the packets of a whole package (none for a command result)."""
    parcel = _check_package(frame)
    if parcel == RESULT_PARCEL:
        if len(frame) != RESULT_SIZE:
            raise InvalidField(f"command result of {len(frame)} bytes")
        return parcel, []
    return parcel, list(packets(frame))


def server_com(parcel: int, data: bytes = b"") -> bytes:
    """A SERVER_COM: `7B`, data length, parcel number, then (with data) its byte sum and the
    data, `7D`. The sum as the checksum is our reading of the vendor's description (its
    HEADER2 answer carries the time with a checksum byte in front)."""
    if not data:
        return bytes((SERVER_COM_START, 0, parcel, SERVER_COM_END))
    return (
        bytes((SERVER_COM_START, len(data), parcel, sum(data) & 0xFF))
        + data
        + bytes((SERVER_COM_END,))
    )


def header_answer(version: HeaderVersion, unix_seconds: int) -> bytes:
    """HEADER is answered `7B 00 00 7D`; HEADER2 with the server's unix time (uint32 LE)."""
    if version is HeaderVersion.V1:
        return server_com(0)
    return server_com(0, (unix_seconds & 0xFFFFFFFF).to_bytes(4, "little"))


def package_answer(parcel: int) -> bytes:
    """Every package is confirmed with `7B 00 <parcel number> 7D`."""
    return server_com(parcel)


def build_header(device_id: int, version: HeaderVersion = HeaderVersion.V2) -> bytes:
    return _HEADER.pack(HEADER_SIGN, version, device_id)


def build_packet(kind: int, time: int, data: bytes) -> bytes:
    return _PACKET_HEAD.pack(kind, len(data), time) + data + bytes((sum(data) & 0xFF,))


def build_package(parcel: int, body: bytes) -> bytes:
    return bytes((PACKAGE_START, parcel)) + body + bytes((PACKAGE_END,))
