"""JT600 framing: where the next frame ends in a TCP stream, and opening one frame.

Binary `$` frames carry a length (at offset 7 in the short JT600 header, 8 in the long JT701
one, see constants.py); text messages run from `(` to `)`. Knows the envelopes only, never what
a message means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    BINARY_START,
    FRAME_OVERHEAD,
    HEADER_PEEK,
    ID_BYTES,
    ID_DIGITS,
    LONG_LENGTH_AT,
    MAX_TEXT_SIZE,
    SHORT_LENGTH_AT,
    STARTS,
    TEXT_END,
    TEXT_START,
)

_PRINTABLE = frozenset(range(0x20, 0x7F))
_DIGITS = frozenset(b"0123456789")


class Binary(NamedTuple):
    unit_id: str
    long: bool  # the JT701 header (version byte, one record, no serial byte)
    type: int
    body: bytes  # the records (without the short format's serial byte)
    serial: int | None


class Text(NamedTuple):
    unit_id: str
    type: str
    fields: list[str]  # all comma-separated fields between the parentheses, id first


def _bcd_ok(data: Buffer) -> bool:
    return all((b >> 4) < 10 and (b & 0xF) < 10 for b in bytes(data))


def is_long(head: Buffer) -> bool:
    return head[LONG_LENGTH_AT] == 0


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    b0 = buf[0]
    if b0 == BINARY_START:
        if not _bcd_ok(buf[1 : 1 + ID_BYTES]):
            return -1
        if n < HEADER_PEEK:
            return NEED_MORE
        at = LONG_LENGTH_AT if is_long(buf) else SHORT_LENGTH_AT
        length = (buf[at] << 8) | buf[at + 1]
        return length + FRAME_OVERHEAD if length else -1
    if b0 == TEXT_START:
        head = bytes(buf[: MAX_TEXT_SIZE + 1])
        if not all(c in _DIGITS for c in head[1 : 1 + ID_DIGITS]):
            return -1
        end = head.find(TEXT_END)
        if end < 0:
            if len(head) > MAX_TEXT_SIZE or not all(c in _PRINTABLE for c in head):
                return -1
            return NEED_MORE
        if end < 1 + ID_DIGITS or not all(c in _PRINTABLE for c in head[: end + 1]):
            return -1
        return end + 1
    return -garbage_before(buf[:MAX_TEXT_SIZE], STARTS)


def open_binary(frame: bytes) -> Binary:
    """Check a whole binary frame's envelope."""
    if len(frame) < HEADER_PEEK:
        raise TruncatedFrame(f"binary frame of {len(frame)} bytes")
    if frame[0] != BINARY_START:
        raise FramingError(f"not a JT600 binary frame: {frame[:1].hex()}")
    if not _bcd_ok(frame[1 : 1 + ID_BYTES]):
        raise InvalidField(f"bad BCD unit id {frame[1 : 1 + ID_BYTES].hex()}")
    long = is_long(frame)
    at = LONG_LENGTH_AT if long else SHORT_LENGTH_AT
    length = int.from_bytes(frame[at : at + 2], "big")
    if len(frame) != length + FRAME_OVERHEAD:
        raise TruncatedFrame(f"binary frame of {len(frame)} bytes, length field says {length}")
    start = at + 2
    unit_id = frame[1 : 1 + ID_BYTES].hex()
    if long:
        return Binary(unit_id, True, frame[7], frame[start:], None)
    return Binary(unit_id, False, frame[6], frame[start:-1], frame[-1])


def open_text(frame: bytes) -> Text:
    """Check a whole text message: `(<10-digit id>,<type>,...)`."""
    if len(frame) < 2 or frame[0] != TEXT_START:
        raise FramingError(f"not a JT600 text message: {frame[:12]!r}")
    if frame[-1] != TEXT_END:
        raise TruncatedFrame("text message without its closing parenthesis")
    text = ascii_text(frame[1:-1])
    if not text.isprintable():
        raise InvalidField("non-printable characters in a text message")
    fields = text.split(",")
    unit_id = fields[0]
    if len(unit_id) != ID_DIGITS or not unit_id.isdigit():
        raise InvalidField(f"bad unit id {unit_id!r}")
    # U09 puts a count before its type: (id,2,U09,...)
    kind = fields[1] if len(fields) > 1 else ""
    if kind.isdigit() and len(fields) > 2:
        kind = fields[2]
    return Text(unit_id, kind, fields)
