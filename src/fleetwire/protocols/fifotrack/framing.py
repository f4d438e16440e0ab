"""The Fifotrack wire envelope: where a frame ends in a stream, checking one, building one.

`$$<pack-len>,<ID>,<work-no>,<cmd-code>[,<cmd-para>]*<XX>\\r\\n` (device) and `##...` (server).
pack-len is decimal and counts from the comma before the ID up to, not including, the `*`; XX is
the XOR of every byte from pack-len through cmd-para, in hex (vendor "GPRS Command Format",
checked against every real capture we have). The length, not CR LF, bounds a frame: D06 photo
pieces are binary. Knows the envelope only, never what a command code means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols._text import checksum_tail_at, length_field
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    DEVICE_START,
    END,
    MAX_FRAME_SIZE,
    MAX_ID_LENGTH,
    MAX_LENGTH_DIGITS,
    MIN_DECLARED,
)

_DOLLAR = 0x24
_STAR = 0x2A
_TAIL = 5  # "*XX\r\n"
_HEX = frozenset(b"0123456789ABCDEFabcdef")


class Envelope(NamedTuple):
    """A checked frame: its identity, work number, command code and where its parameters lie."""

    unique_id: str
    work_no: str
    code: str
    start: int  # first cmd-para byte (after "<cmd-code>,"); == end when there is none
    end: int  # the "*"


def _header(buf: Buffer) -> int:
    """Total frame length from the header, NEED_MORE, or -1 when this `$` starts no frame."""
    n = len(buf)
    if n > 1 and buf[1] != _DOLLAR:
        return -1
    declared, comma = length_field(buf, 2, MAX_LENGTH_DIGITS)
    if comma <= 0:
        return comma
    total = comma + declared + _TAIL
    if comma == 2 or declared < MIN_DECLARED or total > MAX_FRAME_SIZE:
        return -1
    return total


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _DOLLAR:
        return -garbage_before(buf, b"$")
    total = _header(buf)
    if total <= 0 or n < total:
        return total
    if checksum_tail_at(buf, total):
        return total
    return -1  # a length that lands on no frame end: step past this `$` and resync


def checksum(data: Buffer) -> int:
    """XOR of ``data`` (pack-len through cmd-para)."""
    return xor8(data)


def open_frame(frame: bytes) -> Envelope:
    """Check a whole device frame's start, length, end and checksum; split its header."""
    n = len(frame)
    if n < 3:
        raise TruncatedFrame(f"{n} bytes is no Fifotrack frame")
    if frame[:2] != DEVICE_START:
        raise FramingError(f"bad start {frame[:2]!r}")
    comma = frame.find(b",", 2, 2 + MAX_LENGTH_DIGITS + 1)
    if comma < 0:
        if n < 2 + MAX_LENGTH_DIGITS + 1 and frame[2:].isdigit():
            raise TruncatedFrame("frame cut inside its header")
        raise FramingError("no length field")
    total = _header(frame)
    if total <= 0:
        raise FramingError(f"bad header {frame[: comma + 1]!r}")
    if n != total:
        if n < total:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise FramingError(f"declared {total} bytes, got {n}")
    star = n - _TAIL
    if frame[-2:] != END or frame[star] != _STAR:
        raise FramingError(f"bad frame end {frame[star:]!r}")
    digits = frame[star + 1 : star + 3]
    if not (digits[0] in _HEX and digits[1] in _HEX):
        raise FramingError(f"bad checksum digits {digits!r}")
    expected = int(digits, 16)
    actual = checksum(memoryview(frame)[2:star])
    if actual != expected:
        raise ChecksumError(f"checksum {expected:02X} in frame, {actual:02X} computed")
    return _split(frame, comma, star)


def _split(frame: bytes, comma: int, star: int) -> Envelope:
    second = frame.find(b",", comma + 1, star)
    third = frame.find(b",", second + 1, star) if second >= 0 else -1
    if third < 0:
        raise InvalidField("no command code")
    ident = frame[comma + 1 : second]
    if not ident.isascii() or not ident.isalnum() or len(ident) > MAX_ID_LENGTH:
        raise InvalidField(f"bad device identity {ident!r}")
    work_no = frame[second + 1 : third]
    if not work_no or not all(b in _HEX for b in work_no):
        raise InvalidField(f"bad work number {work_no!r}")
    code_end = frame.find(b",", third + 1, star)
    if code_end < 0:
        code_end = star
    code = frame[third + 1 : code_end]
    if len(code) != 3 or not code.isascii() or not code.isalnum():
        raise InvalidField(f"bad command code {code!r}")
    start = min(code_end + 1, star)
    return Envelope(ident.decode(), work_no.decode(), code.decode(), start, star)


def build_frame(start: bytes, unique_id: str, work_no: int, content: bytes) -> bytes:
    """``start`` + pack-len + "," + ID + "," + work-no + "," + content + "*XX\\r\\n"."""
    rest = b"," + unique_id.encode("ascii") + b",%X," % work_no + content
    body = str(len(rest)).encode("ascii") + rest
    return start + body + b"*%02X\r\n" % checksum(body)
