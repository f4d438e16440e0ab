"""Where a Topflytech frame ends: a ``(...)`` text message, or a T880x binary frame (whose
envelope the t800x package owns). Knows nothing about what a message means.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.t800x import framing as binary
from fleetwire.protocols.t800x.constants import HEADERS

from .constants import HEAD, IMEI_DIGITS, MAX_TEXT_SIZE, TEXT_END, TEXT_START

_DIGITS: Final = frozenset(b"0123456789")
_PRINTABLE: Final = frozenset(range(0x20, 0x7F))
_STARTS: Final = (TEXT_START, *HEADERS)


def is_text(frame: bytes | Buffer) -> bool:
    return len(frame) > 0 and frame[0] == TEXT_START


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not buf:
        return NEED_MORE
    b0 = buf[0]
    if b0 in HEADERS:
        return binary.frame_length(buf)
    if b0 != TEXT_START:
        return -_garbage_run(buf)
    head = bytes(buf[: MAX_TEXT_SIZE + 1])
    # "(" then the IMEI digits: anything else is not a message
    if not all(c in _DIGITS for c in head[1 : 1 + IMEI_DIGITS]):
        return -1
    end = head.find(TEXT_END)
    if end < 0:
        return NEED_MORE if len(head) <= MAX_TEXT_SIZE else -1
    if end < 1 + IMEI_DIGITS + 4 or not all(c in _PRINTABLE for c in head[: end + 1]):
        return -1
    return end + 1


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[: MAX_TEXT_SIZE + 1])  # only on the garbage path
    cut = len(data)
    for b in _STARTS:
        i = data.find(b, 1)
        if 0 < i < cut:
            cut = i
    return cut


def open_text(frame: bytes) -> str:
    """Check a whole text message; return its IMEI."""
    if not frame.endswith(b")"):
        raise TruncatedFrame("text message without its closing parenthesis")
    m = HEAD.match(frame)
    if m is None:
        raise FramingError(f"not a Topflytech text message: {frame[:24]!r}")
    if not all(c in _PRINTABLE for c in frame):
        raise InvalidField("non-printable bytes in a text message")
    return m.group(1).decode("ascii")
