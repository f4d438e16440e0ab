"""MiniFinder text framing: where the next message ends in a TCP stream, and opening one.

A message is `!<type>,<fields>;`; CR/LF right after the `;` stay with it. A connection that
starts with `AB` speaks the binary protocol (minifinder2), whose frames were once stored under
this name: those are framed by minifinder2's rules, so that a binary unit still configured on
the old name's port keeps working (see README, MiniFinder). Anything else is skipped up to the
next `!` or `AB`.
"""

from __future__ import annotations

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.minifinder2 import framing as binary

from .constants import BINARY_HEADER, CR, END, LF, MAX_FRAME_SIZE, START


def is_binary(frame: Buffer) -> bool:
    return len(frame) > 0 and frame[0] == BINARY_HEADER


def _garbage(buf: Buffer, n: int) -> int:
    for i in range(1, n):
        if buf[i] in (START, BINARY_HEADER):
            return -i
    return -n


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    first = buf[0]
    if first == BINARY_HEADER:
        return binary.frame_length(buf)
    if first != START:
        return _garbage(buf, n)
    for i in range(1, min(n, MAX_FRAME_SIZE)):
        b = buf[i]
        if b == END:
            stop = i + 1
            while stop < n and stop - i <= 2 and buf[stop] in (CR, LF):
                stop += 1
            return stop
        if b == START or b < 0x20 or b > 0x7E:
            return -i  # a new message or a control byte inside one: this one was garbage
    return NEED_MORE  # the framer's size cap bounds the wait


def open_message(frame: bytes) -> tuple[str, list[str]]:
    """Type and fields of a whole text message; raises the device's error otherwise."""
    body = frame.rstrip(b"\r\n")
    if not body.endswith(b";"):
        raise TruncatedFrame(f"message of {len(frame)} bytes without its ';'")
    text = ascii_text(body[:-1])
    if not text.startswith("!") or len(text) < 2:
        raise FramingError(f"not a MiniFinder message: {text[:20]!r}")
    if ";" in text or "!" in text[1:]:
        raise InvalidField("two messages in one")
    fields = text[1:].split(",")
    return fields[0], fields[1:]
