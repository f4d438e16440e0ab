"""The Castel envelope: where a frame ends in a stream, checking one, building one.

`@@`, `length (U16 LE: the whole frame, header to CR LF)`, `version (1)`, `device id (20 ASCII,
NUL-padded)`, `message type (U16, big-endian)`, data, `CRC-16/X-25 (LE) of everything before
it`, `CR LF` (CB212-C1005, package format). The MPIP family's frames start `$$` and have no
version byte, the rest alike (its captures' CRCs check the same way). Knows nothing about what
a message type means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_x25
from fleetwire.protocols.base import NEED_MORE

from .constants import DATA_START, HEADER, ID_SIZE, MIN_FRAME, MPIP, MPIP_HEADER, TAIL

_U16LE: Final = struct.Struct("<H")
_TYPE: Final = struct.Struct(">H")
_STARTS: Final = frozenset(b"@$")
_SKIP: Final = -1


class Envelope(NamedTuple):
    """A checked frame: who sent it, its version and type, and where its data lies."""

    version: int
    device_id: str
    raw_id: bytes  # the 20 bytes as sent: replies carry them back unchanged
    type: int
    start: int  # first data byte
    end: int  # one past the last data byte


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] not in _STARTS or (n > 1 and buf[1] != buf[0]):
        return _SKIP
    if n < 4:
        return NEED_MORE
    length = buf[2] | (buf[3] << 8)
    if length < MIN_FRAME - (1 if buf[0] == MPIP_HEADER[0] else 0):
        return _SKIP  # no frame is shorter than an empty one: these two @ were garbage
    return length


def _device_id(raw: bytes) -> str:
    text = raw.rstrip(b"\x00")
    if not text or not all(0x20 < c < 0x7F for c in text):
        raise InvalidField(f"device id {raw.hex()} is not printable ASCII")
    return text.decode("ascii")


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's header, length, CRC and tail; raise the device's error otherwise."""
    n = len(frame)
    mpip = frame[:2] == MPIP_HEADER
    if n < MIN_FRAME - mpip:
        raise TruncatedFrame(f"{n} bytes is no Castel frame")
    if frame[:2] != HEADER and not mpip:
        raise FramingError(f"header {frame[:2].hex()}")
    length = _U16LE.unpack_from(frame, 2)[0]
    if length != n:
        if length > n:
            raise TruncatedFrame(f"declared {length} bytes, have {n}")
        # bytes past the declared end are another frame's or noise: a framing matter
        raise FramingError(f"declared {length} bytes, got {n}")
    end = n - 4
    sent = _U16LE.unpack_from(frame, end)[0]
    with memoryview(frame) as mv:
        computed = crc16_x25(mv[:end])
    if sent != computed:
        raise ChecksumError(f"CRC {sent:04x} in frame, {computed:04x} computed")
    if frame[-2:] != TAIL:
        raise InvalidField(f"tail {frame[-2:].hex()}")
    at = 4 if mpip else 5  # the device id, after the version byte where there is one
    raw_id = frame[at : at + ID_SIZE]
    msg_type = _TYPE.unpack_from(frame, at + ID_SIZE)[0]
    version = MPIP if mpip else frame[4]
    return Envelope(version, _device_id(raw_id), raw_id, msg_type, DATA_START - mpip, end)


def build(version: int, raw_id: bytes, msg_type: int, data: bytes = b"") -> bytes:
    """A frame around ``data``; length and CRC computed here."""
    if len(raw_id) != ID_SIZE:
        raw_id = raw_id[:ID_SIZE].ljust(ID_SIZE, b"\x00")
    head = HEADER + _U16LE.pack(MIN_FRAME + len(data)) + bytes((version,)) + raw_id
    body = head + _TYPE.pack(msg_type) + data
    return body + _U16LE.pack(crc16_x25(body)) + TAIL
