"""The Meitrack wire envelope: where a frame ends in a stream, checking one, building one.

`$$<flag><length>,<imei>,<type>,<data>*<XX>\\r\\n` (device) and `@@...` (server). The decimal
length counts from the first comma through the final CR LF; XX is the sum of every byte from the
first `$`/`@` through `*`, modulo 256, in hex. The length, not CR LF, bounds a frame: binary CCC
and CCE data may hold CR LF. Knows the envelope only, never what a message type means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import checksum_tail_at, length_field
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    DEVICE_START,
    END,
    FLAG_MAX,
    FLAG_MIN,
    MAX_FRAME_SIZE,
    MAX_LENGTH_DIGITS,
    MIN_DECLARED,
)

_DOLLAR = 0x24
_COMMA = 0x2C
_STAR = 0x2A
_TAIL = 5  # "*XX\r\n"
_HEX = frozenset(b"0123456789ABCDEFabcdef")


class Envelope(NamedTuple):
    """A checked frame: its flag, identity, message type and where its data lies."""

    flag: str
    imei: str
    type: str
    start: int  # first data byte (after "<type>,")
    end: int  # one past the last data byte (the "*")


def _header(buf: Buffer) -> int:
    """Total frame length from the header, NEED_MORE, or -1 when this `$` starts no frame."""
    n = len(buf)
    if n > 1 and buf[1] != _DOLLAR:
        return -1
    if n > 2 and not FLAG_MIN <= buf[2] <= FLAG_MAX:
        return -1
    declared, comma = length_field(buf, 3, MAX_LENGTH_DIGITS)
    if comma <= 0:
        return comma
    if comma == 3 or declared < MIN_DECLARED or comma + declared > MAX_FRAME_SIZE:
        return -1
    return comma + declared


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _DOLLAR:
        return -garbage_before(buf, b"$")
    total = _header(buf)
    if total <= 0:
        return total
    if n < total:
        return total
    if checksum_tail_at(buf, total):
        return total
    return -1  # a header whose length lands on no frame end: step past it and resync


def checksum(data: Buffer) -> int:
    return sum(data) & 0xFF


def open_frame(frame: bytes) -> Envelope:
    """Check a whole device frame's start, length, end and checksum; split its header."""
    n = len(frame)
    if n < 3:
        raise TruncatedFrame(f"{n} bytes is no Meitrack frame")
    if frame[:2] != DEVICE_START:
        raise FramingError(f"bad start {frame[:2]!r}")
    comma = frame.find(b",", 3, 3 + MAX_LENGTH_DIGITS + 1)
    if comma < 0:
        if n < 3 + MAX_LENGTH_DIGITS + 1 and frame[3:].isdigit():
            raise TruncatedFrame("frame cut inside its header")
        raise FramingError("no length field")
    total = _header(frame)
    if total <= 0:
        raise FramingError(f"bad header {frame[: comma + 1]!r}")
    if n != total:
        if n < total:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise FramingError(f"declared {total} bytes, got {n}")
    if frame[-2:] != END or frame[-_TAIL] != _STAR:
        raise FramingError(f"bad frame end {frame[-_TAIL:]!r}")
    digits = frame[-4:-2]
    if not (digits[0] in _HEX and digits[1] in _HEX):
        raise FramingError(f"bad checksum digits {digits!r}")
    expected = int(digits, 16)
    actual = checksum(memoryview(frame)[: n - 4])
    if actual != expected:
        raise ChecksumError(f"checksum {expected:02X} in frame, {actual:02X} computed")
    return _split(frame, comma, n - _TAIL)


def _split(frame: bytes, comma: int, star: int) -> Envelope:
    second = frame.find(b",", comma + 1, star)
    if second < 0:
        raise InvalidField("no message type")
    imei = frame[comma + 1 : second]
    if not imei.isdigit() or not 8 <= len(imei) <= 20:
        raise InvalidField(f"bad device identity {imei!r}")
    type_end = second + 4
    if type_end > star or (type_end < star and frame[type_end] != _COMMA):
        raise InvalidField("bad message type")
    kind = frame[second + 1 : type_end]
    if not kind.isalnum():
        raise InvalidField(f"bad message type {kind!r}")
    start = min(type_end + 1, star)
    return Envelope(chr(frame[2]), imei.decode(), kind.decode(), start, star)


def build_frame(start: bytes, flag: str, imei: str, content: bytes) -> bytes:
    """``start`` + flag + length + "," + imei + "," + content + "*XX\\r\\n", checksum computed."""
    rest = b"," + imei.encode("ascii") + b"," + content + b"*"
    declared = len(rest) + 4  # the checksum digits and CR LF
    head = start + flag.encode("ascii") + str(declared).encode("ascii")
    body = head + rest
    return body + b"%02X\r\n" % checksum(body)
