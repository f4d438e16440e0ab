"""Telic framing: where the next message ends in a TCP stream, and its text.

A message is ASCII text ended by a NUL; some firmware puts a 4-byte little-endian length of the
text in front (TelicFrameDecoderTest captures). The text always opens with digits, so a length
prefix (whose second byte is the length's high byte, never an ASCII digit) is told apart by its
third and fourth bytes, zero for any length under 64 KB. Knows the envelope only.
"""

from __future__ import annotations

import re

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import END, MAX_FRAME_SIZE, PREFIX_SIZE

_NOT_TEXT = re.compile(rb"[^\x20-\x7e]")
_DIGITS = frozenset(b"0123456789")


def _prefixed(buf: Buffer) -> bool:
    return buf[2] == 0 and buf[3] == 0 and buf[1] not in _DIGITS


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    first = buf[0]
    if first == END:
        return -1  # a stray terminator (the frame decoder test's leading NUL)
    if first in _DIGITS and (n < 2 or buf[1] != 0):
        return _text_length(buf, 0)
    if n < PREFIX_SIZE:
        return NEED_MORE
    if not _prefixed(buf):
        return -1
    size = PREFIX_SIZE + int.from_bytes(buf[:PREFIX_SIZE], "little") + 1
    if size > MAX_FRAME_SIZE:
        return -1
    if n < size:
        return NEED_MORE
    if buf[size - 1] != END or _NOT_TEXT.search(bytes(buf[PREFIX_SIZE : size - 1])):
        return -1  # the length does not fit the text behind it: resync
    return size


def _text_length(buf: Buffer, start: int) -> int:
    head = bytes(buf[start : start + MAX_FRAME_SIZE + 1])
    end = head.find(b"\x00")
    bad = _NOT_TEXT.search(head, 0, end if end >= 0 else len(head))
    if bad is not None:
        return -max(bad.start(), 1)
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    return start + end + 1


def text_of(frame: bytes) -> str:
    """The text of one message, without its length prefix and NUL. The NUL may be missing: a
    message handed over alone (a stored capture, one UDP datagram) is whole without it."""
    body = frame[:-1] if frame[-1:] == b"\x00" else frame
    if not body:
        raise TruncatedFrame("empty message")
    if body[0] not in _DIGITS or (len(body) > 1 and body[1] == 0):
        if len(body) < PREFIX_SIZE or not _prefixed(body):
            raise FramingError(f"not a Telic message: {frame[:8].hex()}")
        declared = int.from_bytes(body[:PREFIX_SIZE], "little")
        body = body[PREFIX_SIZE:]
        if declared != len(body):
            raise TruncatedFrame(f"length prefix {declared}, text of {len(body)} bytes")
    if not body or body[0] not in _DIGITS:
        raise InvalidField("a Telic message opens with digits")
    if _NOT_TEXT.search(body):
        raise InvalidField("control or non-ASCII byte in a message")
    return body.decode("ascii")
