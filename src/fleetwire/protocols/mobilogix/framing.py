"""Mobilogix framing: where the next message ends in a TCP stream, and opening one message.

A message runs from `[` to `]` (kept); line ends between messages are whitespace. Inside,
only printable ASCII other than `[` and `]`. Captures hold messages without their `]`, so a
message given alone is read to its end. Knows the envelope only.
"""

from __future__ import annotations

import re

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import END, MAX_FRAME_SIZE, START

_NOT_TEXT = re.compile(rb"[^\x20-\x5a\x5c\x5e-\x7e]")  # control, non-ASCII, '[' or ']'


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    if head[0] != START:
        i = head.find(b"[", 1)
        return -(i if i > 0 else len(head))
    bad = _NOT_TEXT.search(head, 1)
    if bad is None:
        return NEED_MORE  # the framer's size cap bounds the wait
    i = bad.start()
    return i + 1 if head[i] == END else -i


def open_message(frame: bytes) -> list[str]:
    """The comma fields of one message (the time first), without `[`, `]` and line ends."""
    text = frame.strip(b"\r\n")
    if not text.startswith(b"["):
        raise FramingError(f"not a Mobilogix message: {frame[:12]!r}")
    body = text[1:-1] if text.endswith(b"]") else text[1:]
    if _NOT_TEXT.search(body) is not None:
        raise InvalidField(f"bad character in a Mobilogix message: {frame[:24]!r}")
    return body.decode("ascii").split(",")
