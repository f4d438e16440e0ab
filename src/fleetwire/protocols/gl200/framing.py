"""The @Track envelope: where a text or binary frame ends in a stream, and opening one frame.

Text: "+RESP:GT…$" (also BUFF, ACK, EVT); the "$" ends it and a CR LF some firmwares send after
it is kept as the leading bytes of the next frame, so no frame ever waits for bytes that may
not come. Binary: "+RSP"/"+EVT"/… with a length field counting the whole frame, ending CR LF.
Knows nothing about what the fields mean.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    BINARY_LENGTH,
    BINARY_MIN,
    MAX_LEADING_EOL,
    TERMINATOR,
    TEXT_PREFIXES,
)

_PLUS = 0x2B
_COLON = 0x3A
_EOL = b"\r\n"
_PREFIX_LEN = max(len(p) for p in TEXT_PREFIXES)
# The first byte that decides a text frame: its "$", the start of another message before it (the
# bytes before that are garbage), or a byte no text message carries.
_STOP = re.compile(rb"\$|\+(?:RESP|BUFF|ACK|EVT):GT|[^\x20-\x7e]")
_STARTS = TEXT_PREFIXES + tuple(b"+" + k for k in BINARY_LENGTH)
_NAME = re.compile(r"GT[0-9A-Z]{3}")


class Text(NamedTuple):
    """An opened text message: "+<kind>:<name>,<fields…>$"."""

    kind: str  # RESP, BUFF, ACK or EVT
    name: str  # GTFRI, GTHBD, …
    fields: list[str]  # after the name: [0] protocol version, [1] unique id, …


def _garbage_run(buf: Buffer, start: int) -> int:
    """Bytes to skip: up to the next "+" after ``start`` (or all of them)."""
    n = len(buf)
    for i in range(start + 1, n):
        if buf[i] == _PLUS:
            return -i
    return -n


def _text_length(buf: Buffer, start: int) -> int:
    m = _STOP.search(buf, start + 1)
    if m is None:
        return NEED_MORE
    if buf[m.start()] == TERMINATOR:
        return m.end()
    return -m.start()  # another message starts, or a non-text byte: resync there


def _binary_length(buf: Buffer, start: int, where: tuple[int, int]) -> int:
    off, size = where
    n = len(buf)
    if n < start + off + size:
        return NEED_MORE
    declared = int.from_bytes(buf[start + off : start + off + size], "big")
    if declared < max(BINARY_MIN, off + size + 2):
        return _garbage_run(buf, start)
    total = start + declared
    if n < total:
        return total
    if buf[total - 2] == 0x0D and buf[total - 1] == 0x0A:
        return total
    return _garbage_run(buf, start)


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    start = 0
    while start < n and buf[start] in _EOL:
        start += 1
    if start > MAX_LEADING_EOL:
        return -start
    if start == n:
        return NEED_MORE
    if buf[start] != _PLUS:
        return _garbage_run(buf, start)
    head = bytes(buf[start : start + _PREFIX_LEN])
    for prefix in TEXT_PREFIXES:
        if head.startswith(prefix):
            return _text_length(buf, start)
    where = BINARY_LENGTH.get(head[1:4])
    if where is not None and (len(head) < 5 or head[4] != _COLON):
        return _binary_length(buf, start, where)
    if len(head) < _PREFIX_LEN and any(p.startswith(head) for p in _STARTS):
        return NEED_MORE
    return _garbage_run(buf, start)


def is_binary(frame: bytes) -> bool:
    data = frame.lstrip(_EOL)
    return len(data) > 4 and data[4] != _COLON and data[1:4] in BINARY_LENGTH


def check_binary(frame: bytes) -> bytes:
    """A whole binary frame, its length field and CR LF checked. (Its checksum is not: the
    documents seen do not define the algorithm.)"""
    data = frame.lstrip(_EOL)
    off, size = BINARY_LENGTH[data[1:4]]
    if len(data) < off + size:
        raise TruncatedFrame(f"{len(data)} bytes is no binary @Track frame")
    declared = int.from_bytes(data[off : off + size], "big")
    if len(data) < declared:
        raise TruncatedFrame(f"declared {declared} bytes, have {len(data)}")
    if len(data) != declared or declared < BINARY_MIN or not data.endswith(_EOL):
        raise FramingError(f"binary frame of {len(data)} bytes declares {declared}")
    return data


def open_text(frame: bytes) -> Text:
    """Check a whole text frame and split it; raise the device's error otherwise."""
    data = frame.lstrip(_EOL)
    if not any(data.startswith(p) for p in TEXT_PREFIXES):
        if any(p.startswith(data) for p in TEXT_PREFIXES):
            raise TruncatedFrame(f"{len(data)} bytes is no @Track message")
        raise FramingError(f"not an @Track text message: {data[:8]!r}")
    end = data.find(b"$")
    if end < 0:
        raise TruncatedFrame("text message without its '$'")
    if end != len(data) - 1:
        raise FramingError("bytes after the '$'")
    try:
        body = data[1:end].decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII byte in a text message") from e
    head, _, rest = body.partition(",")
    kind, _, name = head.partition(":")
    if not _NAME.fullmatch(name):
        raise InvalidField(f"bad message name {name!r}")
    return Text(kind, name, rest.split(","))


def build_text(kind: str, name: str, fields: list[str]) -> bytes:
    return f"+{kind}:{name},{','.join(fields)}$".encode("ascii")
