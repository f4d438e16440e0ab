"""The Teltonika envelopes: where a TCP frame ends, and the checks and parts of each envelope.

Owns the IMEI packet, the keep-alive byte, the TCP packet (preamble, data length, CRC) and the UDP
datagram header, in both directions (unwrap for inspect/decode, wrap for encoding and the
simulated device). Knows nothing about what the data inside means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, Reader, crc16_arc
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.teltonika.constants import (
    CRC_SIZE,
    ENVELOPE_SIZE,
    HEADER_SIZE,
    IMEI_MAX_LENGTH,
    IMEI_MIN_LENGTH,
    KEEPALIVE,
    MIN_DATA_LENGTH,
    Codec,
)

_U32: Final = struct.Struct(">I")
_HEADER: Final = struct.Struct(">II")  # preamble, data length
_DIGITS: Final = frozenset(b"0123456789")
KEEPALIVE_FRAME: Final = bytes([KEEPALIVE])
# Every codec id a device may send, including one this package does not decode (0x0F Codec 15):
# it is still a frame, kept in the raw log.
FRAMED_CODECS: Final = frozenset({*Codec, 0x0F})
_SKIP: Final = -1  # resync one byte at a time: a real header may start right after garbage


def frame_length(buf: Buffer) -> int:
    """Length of the next TCP frame, NEED_MORE, or -1 to skip a byte of garbage."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    first = buf[0]
    if first == KEEPALIVE:
        return 1
    if first != 0:  # both other frames start with a zero byte
        return _SKIP
    if n < 2:
        return NEED_MORE
    if buf[1]:
        return _imei_packet_length(buf)
    for i in range(2, min(n, 4)):  # the rest of the 4-byte zero preamble
        if buf[i]:
            return _SKIP
    if n < HEADER_SIZE:
        return NEED_MORE
    data_length = _U32.unpack_from(buf, 4)[0]
    if data_length < MIN_DATA_LENGTH:
        return _SKIP
    if n == HEADER_SIZE:
        return NEED_MORE
    if buf[HEADER_SIZE] not in FRAMED_CODECS:
        # Zero runs in garbage look like a preamble; the codec byte tells them apart, so one bad
        # length does not swallow the real packets behind it.
        return _SKIP
    # Past the cap the Framer raises FrameTooLarge: a zero preamble then a huge length is a
    # broken device, not line noise worth resyncing through.
    return int(data_length) + ENVELOPE_SIZE


def _imei_packet_length(buf: Buffer) -> int:
    length = buf[1]
    if not IMEI_MIN_LENGTH <= length <= IMEI_MAX_LENGTH:
        return _SKIP
    # The digits that have arrived already tell garbage from a login.
    for i in range(2, min(len(buf), 2 + length)):
        if buf[i] not in _DIGITS:
            return _SKIP
    return 2 + length


def is_keepalive(frame: bytes) -> bool:
    return frame == KEEPALIVE_FRAME


def is_imei_packet(frame: bytes) -> bool:
    """An IMEI packet is the only frame whose first two bytes are not both zero."""
    return len(frame) >= 2 and (frame[0] or frame[1]) != 0


def read_imei(r: Reader) -> str:
    """A length-prefixed ASCII IMEI, as in the TCP login and the UDP header."""
    length = r.u16()
    if not IMEI_MIN_LENGTH <= length <= IMEI_MAX_LENGTH:
        raise InvalidField(f"IMEI length {length}")
    imei = r.ascii(length)
    if not imei.isdigit():
        raise InvalidField(f"IMEI {imei!r} is not all digits")
    return imei


def read_imei_packet(frame: bytes) -> str:
    r = Reader(frame)
    imei = read_imei(r)
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the IMEI")
    return imei


def unwrap_tcp(frame: bytes) -> tuple[int, int]:
    """Check a TCP packet's preamble, length and CRC; return where its data starts and ends."""
    if len(frame) < HEADER_SIZE + MIN_DATA_LENGTH + CRC_SIZE:
        raise TruncatedFrame(f"{len(frame)}-byte packet")
    preamble, data_length = _HEADER.unpack_from(frame)
    if preamble:
        raise InvalidField(f"preamble {preamble:08x}")
    end = HEADER_SIZE + data_length
    if end + CRC_SIZE != len(frame):
        if end + CRC_SIZE > len(frame):
            raise TruncatedFrame(f"data length {data_length} in a {len(frame)}-byte packet")
        # the length field, not the data, is wrong: the envelope does not hold together
        raise FramingError(f"data length {data_length} in a {len(frame)}-byte packet")
    if data_length < MIN_DATA_LENGTH:
        raise FramingError(f"data length {data_length}")
    sent = _U32.unpack_from(frame, end)[0]
    with memoryview(frame) as mv:
        computed = crc16_arc(mv[HEADER_SIZE:end])
    if sent != computed:
        raise ChecksumError(f"CRC {sent:08x}, computed {computed:04x}")
    return HEADER_SIZE, end


def wrap_tcp(data: bytes) -> bytes:
    """The TCP envelope around ``data`` (codec id ... last count)."""
    return _HEADER.pack(0, len(data)) + data + _U32.pack(crc16_arc(data))


class UdpHeader(NamedTuple):
    packet_id: int
    avl_packet_id: int
    imei: str
    data_start: int  # offset of the codec id; the data runs to the end of the datagram


def read_udp_header(frame: bytes) -> UdpHeader:
    r = Reader(frame)
    length = r.u16()
    if length != len(frame) - 2:
        if length > len(frame) - 2:
            raise TruncatedFrame(f"datagram length {length}, have {len(frame) - 2}")
        raise InvalidField(f"datagram length {length}, have {len(frame) - 2}")
    packet_id = r.u16()
    r.skip(1)  # packet type: documented as "not usable"
    avl_packet_id = r.u8()
    imei = read_imei(r)
    if r.remaining < MIN_DATA_LENGTH:
        raise TruncatedFrame(f"{r.remaining} data bytes in the datagram")
    return UdpHeader(packet_id, avl_packet_id, imei, r.pos)
