"""StarLink framing: where the next report ends in a TCP stream, and its checked text.

A report runs from `$SLU` to the two hex digits after its `*`; the CR LF devices send after it
is left to the framer, which passes over line ends between frames (taking it in would make the
frame depend on how the bytes were cut into reads). Knows the envelope only.
"""

from __future__ import annotations

import re

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import MAX_FRAME_SIZE, START

_NOT_TEXT = re.compile(rb"[^\x20-\x7e]|\$")
_HEX = frozenset(b"0123456789ABCDEFabcdef")


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next report (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    k = min(n, len(START))
    if bytes(buf[:k]) != START[:k]:
        return -garbage_before(buf[:MAX_FRAME_SIZE], b"$") if buf[0] != START[0] else -1
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    star = head.find(b"*")
    bad = _NOT_TEXT.search(head, 1, star if star >= 0 else len(head))
    if bad is not None:
        return -bad.start()
    if star < 0 or n < star + 3:
        return NEED_MORE  # the framer's size cap bounds the wait
    if buf[star + 1] not in _HEX or buf[star + 2] not in _HEX:
        return -(star + 1)
    return star + 3


def checksum(body: bytes) -> int:
    return sum(body) & 0xFF


def open_report(frame: bytes) -> list[str]:
    """The comma-separated fields of one whole report, its checksum checked."""
    text = frame.rstrip(b"\r\n")
    if not text.startswith(START):
        raise FramingError(f"not a StarLink report: {frame[:16]!r}")
    star = text.find(b"*")
    if star < 0 or len(text) != star + 3:
        raise TruncatedFrame(f"report of {len(frame)} bytes without its *checksum")
    if _NOT_TEXT.search(text, 1, star) or any(c not in _HEX for c in text[star + 1 :]):
        raise InvalidField("control or non-ASCII byte in a report")
    sent, computed = int(text[star + 1 :], 16), checksum(text[1:star])
    if sent != computed:
        raise ChecksumError(f"checksum {sent:02X} in report, {computed:02X} computed")
    return text[:star].decode("ascii").split(",")


def build(body: str) -> bytes:
    """`$<body>*<sum>` for the simulated device."""
    raw = body.encode("ascii")
    return b"$" + raw + f"*{checksum(raw):02X}".encode("ascii")
