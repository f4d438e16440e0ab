"""The ATrack envelopes: where a frame ends in a stream, checking one, building one.

Binary ``@P``/``@Z``/``@R``: prefix(2), CRC-16/ARC(2) over everything after it, length(2) of
what follows it, sequence id(2), unit id(8), payload. Text ``@P,<CRC hex>,<length>,<seq>,<unit
id>,...``: the same CRC and length, counted from the comma after the CRC / after the length.
Keep-alive ``FE 02`` + unit id + sequence id, and ``$`` reply lines. Knows nothing about what a
payload means.
"""

from __future__ import annotations

import string
import struct
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_arc
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    AT,
    BINARY_PREFIXES,
    CRC_FROM,
    DOLLAR,
    HEADER_SIZE,
    KEEPALIVE_HEAD,
    KEEPALIVE_SIZE,
    MAX_FRAME_SIZE,
    MAX_REPLY_SIZE,
    MIN_LENGTH,
    TEXT_PREFIXES,
    FrameType,
)

_HEX: Final = frozenset(string.hexdigits.encode())
_DIGITS: Final = frozenset(string.digits.encode())
_STARTS: Final = (AT, DOLLAR, KEEPALIVE_HEAD[0])
_PREFIXES: Final = frozenset(BINARY_PREFIXES) | TEXT_PREFIXES
_ACK: Final = struct.Struct(">HQH")
_HEAD: Final = struct.Struct(">2sHHHQ")  # prefix, CRC, length, sequence id, unit id
_TEXT_HEAD_MIN: Final = 11  # "@P,XXXX,L,"
_MAX_LENGTH_DIGITS: Final = 5


class Envelope(NamedTuple):
    type: FrameType
    sequence: int
    unit_id: int
    start: int  # first payload byte (binary) or first record character (text)


def _is_text(buf: Buffer) -> bool:
    """ "@P," (or "@p,") then a hex digit: a binary frame would need a length of at least
    0x3000 here."""
    return (
        buf[1] in TEXT_PREFIXES
        and len(buf) > 2
        and buf[2] == ord(",")
        and (len(buf) < 5 or buf[4] in _HEX)
    )


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    b0 = buf[0]
    if b0 == KEEPALIVE_HEAD[0]:
        if n < 2:
            return NEED_MORE
        return KEEPALIVE_SIZE if buf[1] == KEEPALIVE_HEAD[1] else -1
    if b0 == DOLLAR:
        return _reply_length(buf)
    if b0 != AT:
        return -_garbage_run(buf)
    if n < 3:
        return NEED_MORE if n < 2 or buf[1] in _PREFIXES else -1
    if buf[1] not in _PREFIXES:
        return -1
    if _is_text(buf):
        return _text_length(buf)
    if buf[1] not in BINARY_PREFIXES:
        return -1  # "@p" starts text reports only
    if n < 6:
        return NEED_MORE
    length = (buf[4] << 8) | buf[5]
    # Past the cap a length is line noise (or text with a bad CRC field), never a frame.
    return 6 + length if MIN_LENGTH <= length <= MAX_FRAME_SIZE - 6 else -1


def _text_length(buf: Buffer) -> int:
    head = bytes(buf[: _TEXT_HEAD_MIN + _MAX_LENGTH_DIGITS])
    if not all(c in _HEX for c in head[3:7]) or (len(head) > 7 and head[7] != ord(",")):
        return -1
    if len(head) <= 8:
        return NEED_MORE
    comma = head.find(b",", 8)
    if comma < 0:
        return NEED_MORE if len(head) <= 8 + _MAX_LENGTH_DIGITS else -1
    digits = head[8:comma]
    if not digits or not all(c in _DIGITS for c in digits):
        return -1
    total = comma + int(digits)
    if total > MAX_FRAME_SIZE:
        return -1
    if len(buf) >= total and buf[total - 1] != ord("\n"):
        return -1  # the length does not land on a line end: not a frame
    return total


def _reply_length(buf: Buffer) -> int:
    head = bytes(buf[: MAX_REPLY_SIZE + 1])
    if len(head) > 1 and not (0x41 <= head[1] <= 0x5A):  # "$" then an upper-case word
        return -1
    end = head.find(b"\n")
    if end < 0:
        return NEED_MORE if len(head) <= MAX_REPLY_SIZE else -1
    return end + 1


def _garbage_run(buf: Buffer) -> int:
    """Bytes before the next byte that may start a frame."""
    data = bytes(buf[: MAX_FRAME_SIZE + 1])  # only on the garbage path
    cut = len(data)
    for b in _STARTS:
        i = data.find(b, 1)
        if 0 < i < cut:
            cut = i
    return cut


def frame_type(frame: bytes) -> FrameType:
    """Which envelope a whole frame has; the device's error when none."""
    if len(frame) < 2:
        raise TruncatedFrame(f"{len(frame)} bytes is no ATrack frame")
    if frame[:2] == KEEPALIVE_HEAD:
        return FrameType.KEEPALIVE
    if frame[0] == DOLLAR:
        return FrameType.REPLY
    if frame[0] == AT and _is_text(frame):
        return FrameType.TEXT_POSITION
    kind = BINARY_PREFIXES.get(frame[1]) if frame[0] == AT else None
    if kind is None:
        raise FramingError(f"bad prefix {frame[:2].hex()}")
    return kind


def _check_crc(frame: bytes, sent: int, start: int) -> None:
    with memoryview(frame) as mv:
        computed = crc16_arc(mv[start:])
    if computed != sent:
        raise ChecksumError(f"CRC {sent:04x} in frame, {computed:04x} computed")


def open_binary(frame: bytes, kind: FrameType) -> Envelope:
    if len(frame) < HEADER_SIZE:
        raise TruncatedFrame(f"{len(frame)}-byte binary frame")
    _, crc, length, sequence, unit_id = _HEAD.unpack_from(frame)
    if 6 + length != len(frame):
        if 6 + length > len(frame):
            raise TruncatedFrame(f"length {length} in a {len(frame)}-byte frame")
        raise FramingError(f"length {length} in a {len(frame)}-byte frame")
    _check_crc(frame, crc, CRC_FROM)
    return Envelope(kind, sequence, unit_id, HEADER_SIZE)


def open_text(frame: bytes) -> Envelope:
    """Check a text frame's CRC and length; its sequence and unit id are decimal fields."""
    if not frame.endswith(b"\n"):
        raise TruncatedFrame("text frame without its line end")
    parts = frame.split(b",", 5)
    if len(parts) < 6:
        raise TruncatedFrame("text frame without its header fields")
    _, crc, length, sequence, unit_id, _ = parts
    header = 3 + len(crc) + 1 + len(length)  # up to the comma after the length
    if (
        len(crc) != 4
        or not all(c in _HEX for c in crc)
        or not length.isdigit()
        or not sequence.isdigit()
        or not unit_id.isdigit()
    ):
        raise InvalidField(f"bad text header {frame[:40]!r}")
    if header + int(length) != len(frame):
        raise FramingError(f"length {int(length)} in a {len(frame)}-byte text frame")
    _check_crc(frame, int(crc, 16), 3 + len(crc))
    seq, unit = int(sequence), int(unit_id)
    if seq > 0xFFFF or unit > 0xFFFF_FFFF_FFFF_FFFF:
        raise InvalidField(f"sequence {seq} or unit id {unit} out of range")
    start = header + 1 + len(sequence) + 1 + len(unit_id) + 1
    return Envelope(FrameType.TEXT_POSITION, seq, unit, start)


def open_keepalive(frame: bytes) -> Envelope:
    if len(frame) != KEEPALIVE_SIZE:
        if len(frame) < KEEPALIVE_SIZE:
            raise TruncatedFrame(f"{len(frame)}-byte keep-alive")
        raise FramingError(f"{len(frame)}-byte keep-alive")
    _, unit_id, sequence = _ACK.unpack(frame)
    return Envelope(FrameType.KEEPALIVE, sequence, unit_id, KEEPALIVE_SIZE)


def open_reply(frame: bytes) -> str:
    """A whole ``$`` reply line as text."""
    if not frame.endswith(b"\n"):
        raise TruncatedFrame("reply without its line end")
    if len(frame) < 3 or not 0x41 <= frame[1] <= 0x5A:
        raise FramingError(f"bad reply {frame[:20]!r}")
    return frame.decode("latin-1").strip()


def ack(unit_id: int, sequence: int) -> bytes:
    """The server's acknowledgement: FE 02, the unit id and the sequence id it confirms."""
    return _ACK.pack(0xFE02, unit_id, sequence)


def build_binary(sequence: int, unit_id: int, payload: bytes, prefix: bytes = b"@P") -> bytes:
    body = struct.pack(">HHQ", len(payload) + MIN_LENGTH, sequence, unit_id) + payload
    return prefix + crc16_arc(body).to_bytes(2, "big") + body
