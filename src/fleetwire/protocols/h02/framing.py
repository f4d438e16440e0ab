"""H02 framing: where the next frame ends in a TCP stream, and opening one frame.

Two frame families share the stream: text `*XX,<id>,<type>,...#` (terminated by `#`, maybe
followed by CR/LF) and binary `$` records, which carry neither a length nor a terminator: their
size is fixed per firmware (constants.py) and chosen here from the record's own id layout and
from what follows it. Knows the envelopes only, never what a message type means.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    BINARY_EXTENDED,
    BINARY_LONG_ID,
    BINARY_SHORT,
    BINARY_START,
    CR,
    LF,
    LONG_ID_BYTES,
    MAX_FRAME_SIZE,
    SHORT_ID_BYTES,
    TEXT_END,
    TEXT_START,
)

_STARTS = (TEXT_START, BINARY_START)
_FIRST_LOOK = 256  # most text frames end within this many bytes: copy no more at first
# Inside a text frame: printable ASCII only, and never another start marker.
_NOT_TEXT = re.compile(rb"[^\x20-\x7e]|[*$]")
_ID = re.compile(r"\d{0,20}")


class TextFrame(NamedTuple):
    maker: str  # two letters, "HQ" for most devices; commands must echo it
    unique_id: str  # may be empty: some firmware leaves it out
    type: str
    fields: list[str]  # all comma-separated fields, maker first


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    first = buf[0]
    if first == TEXT_START:
        return _text_length(buf)
    if first == BINARY_START:
        return _binary_length(buf)
    return -_garbage_run(buf)


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
    cuts = [i for i in (data.find(b"*", 1), data.find(b"$", 1)) if i > 0]
    return min(cuts) if cuts else len(data)


def _text_length(buf: Buffer) -> int:
    n = len(buf)
    for i in (1, 2):  # the maker code: two letters, then a comma
        if n > i and not chr(buf[i]).isalpha():
            return -1
    if n > 3 and buf[3] != 0x2C:
        return -1
    head = bytes(buf[:_FIRST_LOOK])
    end = head.find(b"#")
    if end < 0 and n > _FIRST_LOOK:
        head = bytes(buf[: MAX_FRAME_SIZE + 1])
        end = head.find(b"#")
    bad = _NOT_TEXT.search(head, 1, end if end >= 0 else len(head))
    if bad is not None:
        return -bad.start()  # resync at the offending byte
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    stop = end + 1
    while stop < n and stop - end <= 2 and buf[stop] in (CR, LF):
        stop += 1
    return stop


def _is_bcd(buf: Buffer, start: int, stop: int) -> bool:
    return all((b >> 4) < 10 and (b & 0x0F) < 10 for b in buf[start:stop])


def clock_ok(buf: Buffer, at: int) -> bool:
    """hh mm ss DD MM YY as BCD with plausible ranges (all-zero dates allowed: no fix yet)."""
    if not _is_bcd(buf, at, at + 6):
        return False
    hh, mm, ss, dd, mo = (int(f"{b:02x}") for b in buf[at : at + 5])
    return hh < 24 and mm < 60 and ss < 60 and dd <= 31 and mo <= 12


def _binary_length(buf: Buffer) -> int:
    n = len(buf)
    short_time = 1 + SHORT_ID_BYTES
    long_time = 1 + LONG_ID_BYTES
    if not _is_bcd(buf, 1, min(n, short_time)):
        return -1
    if n < long_time + 6:
        return NEED_MORE
    if clock_ok(buf, short_time):
        return _short_id_length(buf)
    if _is_bcd(buf, short_time, long_time - 1) and clock_ok(buf, long_time):
        return BINARY_LONG_ID
    return -1


def _short_id_length(buf: Buffer) -> int:
    """32 unless more record follows: then the extended size that ends at a frame start or
    at the end of what was read (a device writes one record per write)."""
    n = len(buf)
    if n <= BINARY_SHORT or buf[BINARY_SHORT] in _STARTS:
        return BINARY_SHORT
    for size in BINARY_EXTENDED:
        if n < size:
            return size
        if n == size or buf[size] in _STARTS:
            return size
    return BINARY_EXTENDED[0]


def strip_line_end(frame: bytes) -> bytes:
    end = len(frame)
    while end and frame[end - 1] in (CR, LF):
        end -= 1
    return frame[:end]


def open_text(frame: bytes) -> TextFrame:
    """Check a text frame's envelope and header; raise the device's error otherwise."""
    data = strip_line_end(frame)
    if len(data) < 2 or data[-1] != TEXT_END:
        raise TruncatedFrame(f"text frame of {len(frame)} bytes without its '#'")
    if data[0] != TEXT_START:
        raise FramingError(f"bad start {data[:1].hex()}")
    try:
        body = data[1:-1].decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII text frame") from e
    if "#" in body or "*" in body:
        raise FramingError("two frames in one")
    fields = body.split(",")
    if len(fields) < 3:
        raise InvalidField(f"text frame with {len(fields)} fields")
    maker, uid = fields[0], fields[1].strip()
    if len(maker) != 2 or not maker.isalpha() or not maker.isascii():
        raise InvalidField(f"bad maker code {maker!r}")
    if not _ID.fullmatch(uid):
        raise InvalidField(f"bad device id {uid!r}")
    return TextFrame(maker, uid, fields[2].strip(), fields)


def binary_id_bytes(frame: bytes) -> int:
    """Id size of a whole binary record; raises the device's error for any other size."""
    n = len(frame)
    if n == BINARY_LONG_ID:
        return LONG_ID_BYTES
    if n == BINARY_SHORT or n in BINARY_EXTENDED:
        return SHORT_ID_BYTES
    if n < BINARY_SHORT:
        raise TruncatedFrame(f"binary record of {n} bytes")
    raise FramingError(f"binary record of {n} bytes")
