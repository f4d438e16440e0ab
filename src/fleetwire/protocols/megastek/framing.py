"""Megastek framing: where the next line ends in a TCP stream, and opening one line.

A `$MGV002` report may come behind four decimal digits giving the length of what follows them
(MegastekFrameDecoderTest's first frame: `0137` and 137 bytes); every other line, and a
`$MGV002` without the length, ends with a line end, kept as the frame's last byte(s). The old
`STX<id>` head pads the id with spaces and two binary bytes, so inside a line any byte but a
line end is allowed. Knows the envelope only, never what a layout means.
"""

from __future__ import annotations

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import HEADS, LENGTH_DIGITS, MAX_FRAME_SIZE

_STARTS = frozenset(h[0] for h in HEADS) | frozenset(b"0123456789")
_LF = 0x0A
_MIN_LENGTH = len(HEADS[0])


def _head_ok(head: bytes) -> bool | None:
    """True: a known line head; None: cannot tell yet; False: not one."""
    for h in HEADS:
        n = min(len(h), len(head))
        if head[:n] == h[:n]:
            return True if n == len(h) else None
    return False


def _garbage(head: bytes) -> int:
    for i in range(1, len(head)):
        if head[i] in _STARTS:
            return -i
    return -len(head)


def _length_prefixed(head: bytes) -> int:
    digits = head[:LENGTH_DIGITS]
    if not digits.isdigit():
        return _garbage(head)
    if len(head) <= LENGTH_DIGITS:
        return NEED_MORE
    verdict = _head_ok(head[LENGTH_DIGITS : LENGTH_DIGITS + len(HEADS[0])])
    if verdict is False or not head[LENGTH_DIGITS:].startswith(b"$"):
        return _garbage(head)
    length = int(digits)
    if length < _MIN_LENGTH:
        return _garbage(head)
    return LENGTH_DIGITS + length


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next line (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    if head[0] in b"0123456789":
        return _length_prefixed(head)
    verdict = _head_ok(head[:8])
    if verdict is False:
        return _garbage(head)
    cr, lf = head.find(b"\r"), head.find(b"\n")
    if cr >= 0 and (lf < 0 or cr < lf):
        if cr + 1 == len(head):
            return NEED_MORE  # its LF may be on the way
        end = cr + 1 if head[cr + 1] == _LF else cr
    elif lf >= 0:
        end = lf
    else:
        return NEED_MORE  # the framer's size cap bounds the wait
    if verdict is None:
        return _garbage(head)  # a line too short for any head
    return end + 1


def open_line(frame: bytes) -> bytes:
    """The line without its length prefix and line end; the device's error when the length
    does not match."""
    if frame[:1].isdigit():
        digits = frame[:LENGTH_DIGITS]
        if not digits.isdigit() or frame[LENGTH_DIGITS : LENGTH_DIGITS + 1] != b"$":
            raise FramingError(f"bad Megastek length prefix {frame[:8]!r}")
        length = int(digits)
        body = frame[LENGTH_DIGITS:]
        if len(body.rstrip(b"\r\n")) < length:
            raise TruncatedFrame(f"Megastek line of {len(body)} bytes, length says {length}")
        if len(body.rstrip(b"\r\n")) > length:
            raise FramingError(f"Megastek line of {len(body)} bytes, length says {length}")
        return body.rstrip(b"\r\n")
    line = frame.rstrip(b"\r\n")
    if _head_ok(line[:8]) is not True:
        raise FramingError(f"not a Megastek line: {frame[:12]!r}")
    return line
