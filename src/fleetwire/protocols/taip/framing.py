"""TAIP framing: where the next sentence ends in a TCP stream, and opening one sentence.

A sentence runs from `>` to `<` (Trimble's TAIP appendix). Some firmwares (DCT Syrus in the
field) end it with a line end instead, and put CR LF before it: a CR or LF therefore ends a
sentence too (the sentence keeps that one byte; a LF after a CR stays in the stream as
whitespace between sentences). Inside, only
printable ASCII other than `>` appears; a second `>` means the first sentence was cut, and
framing resynchronises there. Knows the delimiters only, never what a message means.
"""

from __future__ import annotations

import re

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import END, MAX_FRAME_SIZE, START

_STOP = re.compile(rb"[<\r\n]")
_NOT_TEXT = re.compile(rb"[^\x20-\x3d\x3f-\x7e]")  # control, non-ASCII, or a second '>'


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next sentence (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    if head[0] != START:
        i = head.find(b">", 1)
        return -(i if i > 0 else len(head))
    m = _STOP.search(head, 1)
    end = m.start() if m is not None else len(head)
    bad = _NOT_TEXT.search(head, 1, end)
    if bad is not None:
        return -bad.start()  # a cut sentence: resync where the next may start
    if m is None:
        return NEED_MORE  # the framer's size cap bounds the wait
    if head[end] == END:
        return end + 1
    return end + 1 if end > 1 else -1  # ended by a line end, kept as the sentence's end


def open_sentence(frame: bytes) -> str:
    """The sentence's text between `>` and its end (`<` or a line end); the device's error when
    it is not one whole printable TAIP sentence. Line ends before it and after its `<` are
    allowed (a capture may carry them); a sentence with no end at all may be a cut one."""
    text = frame.lstrip(b"\r\n")
    if not text.startswith(b">"):
        raise FramingError(f"not a TAIP sentence: {frame[:12]!r}")
    ended = text.rstrip(b"\r\n")
    if ended.endswith(b"<"):
        body = ended[1:-1]
    elif len(ended) < len(text):
        body = ended[1:]
    else:
        raise TruncatedFrame(f"TAIP sentence without its end: {frame[:24]!r}")
    if not body:
        raise TruncatedFrame("empty TAIP sentence")
    if _NOT_TEXT.search(body) is not None or b"<" in body:
        raise InvalidField(f"bad character in a TAIP sentence: {frame[:24]!r}")
    return body.decode("ascii")
