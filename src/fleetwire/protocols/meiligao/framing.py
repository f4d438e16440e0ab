"""The Meiligao wire envelope: where a frame ends in a stream, checking one, building one.

`$$` (device) or `@@` (server), length(2, the whole frame), id(7, BCD padded with F), type(2),
data, CRC-16/CCITT-FALSE(2) over start..data, CR LF. Knows the envelope only, never what a
message type means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import DEVICE_START, END, HEADER, ID_BYTES, MAX_FRAME_SIZE, MIN_FRAME, crc16_ccitt

_DOLLAR = 0x24
_CR = 0x0D
_LF = 0x0A


class Envelope(NamedTuple):
    """A checked frame: who sent it, its message type and where its data lies."""

    unique_id: str
    type: int
    start: int
    end: int


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _DOLLAR:
        return -_garbage_run(buf)
    if n < 4:
        return NEED_MORE if n < 2 or buf[1] == _DOLLAR else -1
    if buf[1] != _DOLLAR:
        return -1
    total = buf[2] << 8 | buf[3]
    if not MIN_FRAME <= total <= MAX_FRAME_SIZE:
        return -1
    if n < total:
        return total
    if buf[total - 2] == _CR and buf[total - 1] == _LF:
        return total
    return -1  # a length that lands on no CR LF: step past this `$` and resync


def _garbage_run(buf: Buffer) -> int:
    i = bytes(buf).find(b"$", 1)
    return i if i > 0 else len(buf)


def device_id(raw: bytes) -> str:
    """The id digits: BCD with trailing F nibbles as padding; any other nibble is invalid."""
    digits = raw.hex().rstrip("f")
    if not digits.isdigit():
        raise InvalidField(f"bad device id {raw.hex()}")
    return digits


def encode_id(unique_id: str) -> bytes:
    if not unique_id.isascii() or not unique_id.isdigit() or len(unique_id) > ID_BYTES * 2:
        raise ValueError(f"a Meiligao id is up to {ID_BYTES * 2} digits, got {unique_id!r}")
    return bytes.fromhex(unique_id.ljust(ID_BYTES * 2, "f"))


def open_frame(frame: bytes) -> Envelope:
    """Check a whole device frame's start, length, end and CRC; split its header."""
    n = len(frame)
    if frame[:2] != DEVICE_START:
        if n < 2:
            raise TruncatedFrame(f"{n} bytes is no Meiligao frame")
        raise FramingError(f"bad start {frame[:2]!r}")
    if n < 4:
        raise TruncatedFrame(f"{n} bytes is no Meiligao frame")
    total = frame[2] << 8 | frame[3]
    if not MIN_FRAME <= total <= MAX_FRAME_SIZE:
        raise FramingError(f"declared length {total}")
    if n != total:
        if n < total:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise FramingError(f"declared {total} bytes, got {n}")
    if frame[-2:] != END:
        raise FramingError(f"bad frame end {frame[-2:].hex()}")
    expected = frame[n - 4] << 8 | frame[n - 3]
    actual = crc16_ccitt(memoryview(frame)[: n - 4])
    if actual != expected:
        raise ChecksumError(f"CRC {expected:04x} in frame, {actual:04x} computed")
    uid = device_id(frame[4 : 4 + ID_BYTES])
    return Envelope(uid, frame[HEADER - 2] << 8 | frame[HEADER - 1], HEADER, n - 4)


def build_frame(start: bytes, id_bytes: bytes, kind: int, data: bytes) -> bytes:
    """A frame around ``data``; length and CRC computed here."""
    body = start + (len(data) + MIN_FRAME).to_bytes(2, "big") + id_bytes
    body += kind.to_bytes(2, "big") + data
    return body + crc16_ccitt(body).to_bytes(2, "big") + END
