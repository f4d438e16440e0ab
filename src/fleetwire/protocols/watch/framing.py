"""The watch protocol envelope: `[<maker>*<id>*<len>*<content>]`, where a frame ends in a
stream, opening one, building one.

``maker`` is two characters (SG, 3G, CS, ZJ …; ZJ adds a 4-hex index before the length),
``len`` four hex digits counting the content after unescaping. Binary content escapes the
delimiters as `}` 01-05. Real firmware misstates the length (captures show it 3 bytes short
and 13 bytes long), so a frame also ends at the first `]` that closes no `[` of the content
when the stated length does not land on a `]`. This module knows the envelope only.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._binary import unescape as unescape_bytes
from fleetwire.protocols.base import NEED_MORE

from .constants import END, ESCAPE, INDEXED_MAKER, MAX_ID_LENGTH, START, UNESCAPED

_STAR: Final = 0x2A
_HEX: Final = frozenset(b"0123456789ABCDEFabcdef")
_MAKER: Final = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ID: Final = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_MAX_HEADER: Final = 1 + 2 + 1 + MAX_ID_LENGTH + 1 + 5 + 5
_SLACK: Final = 256  # how far past a misstated length a closing ']' is still waited for


class Header(NamedTuple):
    maker: str
    device_id: str
    serial: str | None  # the ZJ message index, echoed in answers
    length: int  # stated content length
    start: int  # first content byte


class Envelope(NamedTuple):
    header: Header
    content: bytes  # unescaped


def _header(buf: Buffer) -> Header | int:
    """The parsed header, NEED_MORE, or -1 when this '[' starts no header."""
    head = bytes(buf[:_MAX_HEADER])
    n = len(head)
    if n < 4:
        ok = (n < 2 or head[1] in _MAKER) and (n < 3 or head[2] in _MAKER)
        return NEED_MORE if ok else -1
    if head[1] not in _MAKER or head[2] not in _MAKER or head[3] != _STAR:
        return -1
    star = head.find(b"*", 4)
    id_end = star if star >= 0 else n
    if id_end - 4 > MAX_ID_LENGTH or not all(c in _ID for c in head[4:id_end]):
        return -1
    if star < 0:
        return NEED_MORE
    if star == 4:
        return -1
    fields = []
    pos = star + 1
    for _ in range(2 if head[1:3] == INDEXED_MAKER else 1):
        chunk = head[pos : pos + 5]
        if not all(c in _HEX for c in chunk[:4]) or (len(chunk) == 5 and chunk[4] != _STAR):
            return -1
        if len(chunk) < 5:
            return NEED_MORE
        fields.append(chunk[:4].decode())
        pos += 5
    return Header(
        head[1:3].decode(), head[4:star].decode(),
        fields[0] if len(fields) == 2 else None, int(fields[-1], 16), pos,
    )  # fmt: skip


def _stated_end(buf: Buffer, start: int, length: int) -> int:
    """One past the ']' that the stated length points at; NEED_MORE; -1 if no ']' is there."""
    n = len(buf)
    chunk = bytes(buf[start : start + length + 1])
    if ESCAPE not in chunk:
        if len(chunk) <= length:
            return NEED_MORE
        return start + length + 1 if chunk[length] == END else -1
    i, count = start, 0
    while count < length:  # escaped content: two wire bytes for one content byte
        if i >= n:
            return NEED_MORE
        if buf[i] == ESCAPE:
            if i + 1 >= n:
                return NEED_MORE
            i += 2 if buf[i + 1] in UNESCAPED else 1
        else:
            i += 1
        count += 1
    if i >= n:
        return NEED_MORE
    return i + 1 if buf[i] == END else -1


def bracket_end(data: bytes, start: int) -> int:
    """One past the first ']' after ``start`` that closes no '[' of the content; 0: none."""
    depth, i = 0, start
    while True:
        j = data.find(b"]", i)
        if j < 0:
            return 0
        k = data.find(b"[", i, j)
        if k >= 0:
            depth += 1
            i = k + 1
        elif depth:
            depth -= 1
            i = j + 1
        else:
            return j + 1


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if len(buf) == 0:
        return NEED_MORE
    if buf[0] != START:
        i = bytes(buf).find(b"[", 1)  # garbage path only
        return -(i if i > 0 else len(buf))
    h = _header(buf)
    if isinstance(h, int):
        return h
    end = _stated_end(buf, h.start, h.length)
    if end > 0:
        return end
    # The stated length is wrong or still unreachable: the first unbalanced ']' ends it.
    fallback = bracket_end(bytes(buf), h.start)
    if fallback:
        return fallback
    if end == NEED_MORE or len(buf) - h.start <= 2 * h.length + _SLACK:
        return NEED_MORE  # the closing ']' of a misstated length may still be on its way
    return -1


def unescape(raw: bytes) -> bytes:
    return unescape_bytes(raw, ESCAPE, UNESCAPED)


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's header and end; the content unescaped."""
    h = _header(frame)
    if h == NEED_MORE:
        raise TruncatedFrame(f"{len(frame)} bytes is no watch frame")
    if isinstance(h, int):
        raise FramingError(f"bad header {frame[:24]!r}")
    if frame[-1:] != b"]":
        raise TruncatedFrame("frame without its closing ']'")
    end = _stated_end(frame, h.start, h.length)
    if end != len(frame) and bracket_end(frame, h.start) != len(frame):
        if end == NEED_MORE:
            raise TruncatedFrame(f"content shorter than the stated {h.length} bytes")
        raise FramingError("the frame does not end where its length or brackets say")
    return Envelope(h, unescape(frame[h.start : -1]))


def build(maker: str, device_id: str, content: str, index: str | None = None) -> bytes:
    """A frame around text ``content`` (no escaping: commands and answers are text)."""
    raw = content.encode()
    fields = [maker, device_id] + ([index] if index is not None else []) + [f"{len(raw):04X}"]
    return b"[" + "*".join(fields).encode() + b"*" + raw + b"]"


def keyword(content: bytes) -> str:
    """The message keyword: the content up to the first ','."""
    if not content:
        raise InvalidField("empty content")
    return content.split(b",", 1)[0].decode("ascii", "replace")
