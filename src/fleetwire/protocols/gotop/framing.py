"""GoTop framing: a message starts with its IMEI's first digit and ends at `#` or a line end
(CR/LF after either kept with it); anything else is skipped up to the next digit."""

from __future__ import annotations

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text
from fleetwire.protocols.base import NEED_MORE

from .constants import CR, END, LF, MAX_FRAME_SIZE

_DIGITS = frozenset(b"0123456789")


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] not in _DIGITS:
        return -1
    for i in range(1, min(n, MAX_FRAME_SIZE)):
        b = buf[i]
        if b in (END, CR, LF):
            stop = i + 1
            while stop < n and stop - i <= 2 and buf[stop] in (CR, LF):
                stop += 1
            return stop
        if b < 0x20 or b > 0x7E:
            return -i
    return NEED_MORE  # the framer's size cap bounds the wait


def open_message(frame: bytes) -> list[str]:
    """The framer hands on messages with their end; one given without it (a log line,
    `fleetwire decode`) opens the same: a message cut short fails on its fields instead."""
    text = ascii_text(frame).rstrip("\r\n").removesuffix("#")
    if not text:
        raise TruncatedFrame("empty message")
    if "#" in text or "\r" in text or "\n" in text:
        raise InvalidField("not one GoTop message")
    return text.split(",")
