"""IntelliTrac framing: a frame is one line, up to and including its LF (CR LF, or a bare LF).
Knows lines only, never what a report means."""

from __future__ import annotations

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import CR, LF, MAX_FRAME_SIZE, STARTS

_PRINTABLE = frozenset(range(0x20, 0x7F))


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    if buf[0] not in STARTS:
        return -garbage_before(buf[:MAX_FRAME_SIZE], STARTS)
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    for i, b in enumerate(head):
        if b == LF:
            return i + 1
        if b == CR and (i + 1 == len(head) or head[i + 1] == LF):
            continue  # the CR of the CR LF end
        if b not in _PRINTABLE:
            return -i if i else -1
    return -len(head) if len(head) > MAX_FRAME_SIZE else NEED_MORE


def open_line(frame: bytes) -> str:
    """A whole line without its end, checked printable."""
    if not frame or frame[0] not in STARTS:
        raise FramingError(f"not an IntelliTrac line: {frame[:16]!r}")
    if frame[-1] != LF:
        raise TruncatedFrame("line without its end")
    text = ascii_text(frame.rstrip(b"\r\n"))
    if not text.isprintable():
        raise InvalidField("non-printable characters in a line")
    return text
