"""WondeX framing: where the next frame ends in a TCP stream, and opening a text line.

A frame is either the 8-byte binary heartbeat (first byte 0xD0) or a text line (a report
starting with the unit id's digits, or a `$OK:`/`$ERR:` answer) ended by CR LF or LF, kept with
the frame. Knows the envelope only.
"""

from __future__ import annotations

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import HEARTBEAT, HEARTBEAT_SIZE, MAX_FRAME_SIZE

_TEXT_STARTS = frozenset(b"0123456789$")
_STARTS = _TEXT_STARTS | {HEARTBEAT}


def _skip(head: bytes) -> int:
    for i in range(1, len(head)):
        if head[i] in _STARTS:
            return -i
    return -len(head)


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    if buf[0] == HEARTBEAT:
        return HEARTBEAT_SIZE
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    if head[0] not in _TEXT_STARTS:
        return _skip(head)
    for i in range(1, len(head)):
        b = head[i]
        if b == 0x0A:
            return i + 1
        if b == 0x0D:
            if i + 1 == len(head):
                return NEED_MORE  # its LF may be on the way
            return i + 2 if head[i + 1] == 0x0A else i + 1
        if not 0x20 <= b < 0x7F:
            return -i  # not text: a cut line, resync here
    return NEED_MORE  # the framer's size cap bounds the wait


def open_line(frame: bytes) -> str:
    """A text frame's line without its line end; the device's error when it is not text."""
    line = frame.rstrip(b"\r\n")
    if not line or line[0] not in _TEXT_STARTS:
        raise FramingError(f"not a WondeX line: {frame[:12]!r}")
    try:
        text = line.decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII WondeX line") from e
    if not text.isprintable():
        raise InvalidField(f"control character in a WondeX line: {frame[:24]!r}")
    return text


def heartbeat_unit(frame: bytes) -> str:
    """The unit id a whole heartbeat carries (u32 little-endian in its last four bytes)."""
    if len(frame) < HEARTBEAT_SIZE:
        raise TruncatedFrame(f"heartbeat of {len(frame)} bytes")
    if len(frame) > HEARTBEAT_SIZE:
        raise FramingError(f"heartbeat of {len(frame)} bytes")
    return str(int.from_bytes(frame[4:8], "little"))
