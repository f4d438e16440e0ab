"""TLT-2H framing: where the next message ends in a TCP stream.

A message runs from its `#` to the `##` that closes it: a `##` at the start of a line, or right
after a sentence's `*XX` checksum (devices leave out the last line break). A `##` elsewhere is
part of the header (an empty user field: `#<imei>##0000#...`). The CR LF that may follow the
closing `##` is left to the framer, which passes over line ends between messages: taking it
into the message would make the frame depend on how the bytes were cut into reads. Knows the
envelope only.
"""

from __future__ import annotations

import re

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import MARK, MAX_FRAME_SIZE

_CLOSE = re.compile(rb"(?:\n|\*[0-9A-Fa-f]{2})##")
_NOT_TEXT = re.compile(rb"[^\x20-\x7e\r\n]")


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] != MARK:
        data = bytes(buf[:MAX_FRAME_SIZE])
        i = data.find(b"#", 1)
        return -(i if i > 0 else len(data))
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    m = _CLOSE.search(head)
    stop = m.end() if m is not None else len(head)
    bad = _NOT_TEXT.search(head, 0, stop)
    if bad is not None:
        return -max(bad.start(), 1)
    if m is None:
        return NEED_MORE  # the framer's size cap bounds the wait
    return stop


def open_text(frame: bytes, closed: bool = True) -> list[str]:
    """The lines of one message, without the closing `##` and line ends. With ``closed``
    False a message without its `##` is taken as whole: one handed over alone (a stored
    capture; the reference's decoder tests hold them so) has nothing else to end it."""
    text = frame.strip(b"\r\n")
    if not text or text[0] != MARK:
        raise FramingError(f"not a TLT-2H message: {frame[:16]!r}")
    m = _CLOSE.search(text)
    if m is not None and m.end() != len(text):
        raise FramingError("two messages in one")
    if m is None and closed:
        raise TruncatedFrame(f"message of {len(frame)} bytes without its closing ##")
    if _NOT_TEXT.search(text):
        raise InvalidField("control or non-ASCII byte in a message")
    body = (text[: m.end() - 2] if m is not None else text).decode("ascii")
    return [line for line in body.replace("\r", "").split("\n") if line]
