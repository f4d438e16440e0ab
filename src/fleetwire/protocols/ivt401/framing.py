"""iVT401 framing: a report is `(...)`, CR/LF after it kept with it; anything else is skipped
up to the next `(`. Owns opening a report into its fields."""

from __future__ import annotations

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text, closed_length
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import END, MAX_FRAME_SIZE, START

_STARTS = bytes((START,))


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next report (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != START:
        return -garbage_before(buf, _STARTS)
    return closed_length(buf, bytes((END,)), MAX_FRAME_SIZE, restart=_STARTS, line_end=True)


def open_report(frame: bytes) -> list[str]:
    body = frame.rstrip(b"\r\n")
    if len(body) < 2 or body[-1] != END:
        raise TruncatedFrame(f"report of {len(frame)} bytes without its ')'")
    if body[0] != START:
        raise FramingError(f"not an iVT401 report: {body[:8]!r}")
    text = ascii_text(body[1:-1])
    if "(" in text or ")" in text:
        raise InvalidField("two reports in one")
    return text.split(",")
