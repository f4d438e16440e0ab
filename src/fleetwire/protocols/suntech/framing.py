"""The Suntech envelope: where a report ends in a stream, and opening one report.

Text reports are ";"-separated and end with "\r". A serial-data report (UEX) may carry CR and LF
inside its data, so its "\r" is looked for after the data, whose length the report gives. A
CR/LF the device sends after the "\r" rides as the leading bytes of the next frame. Universal
binary reports start 0x81/0x82 with a 16-bit length. Knows nothing about what fields mean.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, bcd
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    BINARY_MAX,
    BINARY_MIN,
    BINARY_STARTS,
    HEADER,
    HEADER_ANYWHERE,
    MAX_LEADING_EOL,
    TERMINATOR,
)

_EOL = b"\r\n"
_HEAD_PROBE = 12  # longest header ("ST4300STT") plus ";"
_BINARY_START = re.compile(rb"[\x81\x82]")
_TEXT_STOP = re.compile(rb"[^\x20-\x7e]")
_COORD = re.compile(rb"[+-]?\d{1,3}\.\d+")
_BINARY_BODY = 8  # type byte, 16-bit length, 5-byte BCD id
_LEN_AFTER_LAT = 9  # lat lon spd crs satt fix dist pwr io, then the data length


class Binary(NamedTuple):
    kind: int  # the report type byte: 0x81 status, 0x82 alert
    unique_id: str  # DEV_ID, BCD
    data: bytes  # the whole report, without leading CR/LF
    body: int  # offset of the first byte after DEV_ID


class Text(NamedTuple):
    header: str  # ST300STT, STT, ST910, …
    kind: str  # STT, ALT, …, or the ST910 type word
    fields: list[str]  # [0] header, [1] …


def _resync(buf: Buffer, start: int) -> int:
    """Garbage: skip to the next header, keeping a tail that may begin one."""
    n = len(buf)
    m = HEADER_ANYWHERE.search(buf, start + 1)
    cut = m.start() if m is not None else max(start + 1, n - _HEAD_PROBE)
    b = _BINARY_START.search(buf, start + 1, cut)
    return -(b.start() if b is not None else cut)


def _binary_length(buf: Buffer, start: int) -> int:
    n = len(buf)
    if n < start + 8:
        return NEED_MORE
    size = (buf[start + 1] << 8) | buf[start + 2]
    digits = bytes(buf[start + 3 : start + 8]).hex()
    if not BINARY_MIN <= size <= BINARY_MAX or not digits.isdigit():
        return -(start + 1)
    return start + 3 + size


def _uex_data_end(buf: Buffer, start: int, cr: int) -> int | None:
    """Where the data of a UEX report ends (its "\r" comes after), from its length field; None
    when the fields before the data do not have the documented shape."""
    fields = bytes(buf[start:cr]).split(b";")
    lat = next(
        (i for i in range(2, len(fields) - 1) if _COORD.fullmatch(fields[i])
         and _COORD.fullmatch(fields[i + 1])),
        None,
    )  # fmt: skip
    if lat is None or lat + _LEN_AFTER_LAT >= len(fields):
        return None
    size = fields[lat + _LEN_AFTER_LAT]
    if not size.isdigit() or len(size) > 4:
        return None
    data = start + sum(len(f) + 1 for f in fields[: lat + _LEN_AFTER_LAT + 1])
    return data + int(size)


def _text_length(buf: Buffer, start: int, uex: bool) -> int:
    n = len(buf)
    cr = bytes(buf[start:]).find(b"\r")
    if cr < 0:
        bad = None if uex else _TEXT_STOP.search(buf, start)  # UEX data may hold any byte
        return -bad.start() if bad is not None else NEED_MORE
    cr += start
    if uex:
        end = _uex_data_end(buf, start, cr)
        if end is not None:
            if end >= n:
                return NEED_MORE
            after = bytes(buf[end:]).find(b"\r")
            if after < 0:
                return NEED_MORE
            return end + after + 1
    bad = _TEXT_STOP.search(buf, start, cr)
    return -bad.start() if bad is not None else cr + 1


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
    if buf[start] in BINARY_STARTS:
        return _binary_length(buf, start)
    head = bytes(buf[start : start + _HEAD_PROBE])
    m = HEADER.match(head)
    if m is None or m.end() == len(head):
        if len(head) < _HEAD_PROBE and _could_start(head):
            return NEED_MORE
        return _resync(buf, start)
    if head[m.end()] != 0x3B:  # ";"
        return _resync(buf, start)
    return _text_length(buf, start, head[: m.end()].endswith(b"UEX"))


def _could_start(head: bytes) -> bool:
    """Whether more bytes could make ``head`` a header followed by ";"."""
    return re.fullmatch(rb"S?[AT]?\d{0,4}[A-Z]{0,4}", head) is not None or head == b"S"


def open_binary(frame: bytes) -> Binary:
    """A whole binary report, its length checked and its id read."""
    data = frame.lstrip(_EOL)
    if len(data) < 8:
        raise TruncatedFrame(f"{len(data)} bytes is no binary Suntech report")
    size = int.from_bytes(data[1:3], "big")
    if len(data) < size + 3:
        raise TruncatedFrame(f"declared {size + 3} bytes, have {len(data)}")
    if len(data) != size + 3 or not BINARY_MIN <= size <= BINARY_MAX:
        raise FramingError(f"binary report of {len(data)} bytes declares {size + 3}")
    return Binary(data[0], bcd(data[3:_BINARY_BODY]), data, _BINARY_BODY)


def open_text(frame: bytes) -> Text:
    """Check a whole text report and split it; raise the device's error otherwise."""
    data = frame.lstrip(_EOL)
    m = HEADER.match(data)
    if m is None or len(data) <= m.end() or data[m.end()] != 0x3B:
        if len(data) < _HEAD_PROBE and _could_start(data):
            raise TruncatedFrame(f"{len(data)} bytes is no Suntech report")
        raise FramingError(f"not a Suntech report: {data[:12]!r}")
    if data[-1] != TERMINATOR:
        raise TruncatedFrame("report without its closing CR")
    first_cr = data.find(b"\r")
    end = _uex_data_end(data, 0, first_cr) if data[: m.end()].endswith(b"UEX") else None
    if end is not None:
        if end >= len(data):
            raise TruncatedFrame("serial data shorter than its length")
        if data.find(b"\r", end) != len(data) - 1:
            raise FramingError("bytes after the closing CR")
    elif first_cr != len(data) - 1:
        raise FramingError("CR inside a report")
    try:
        text = data[:-1].decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII byte in a report") from e
    fields = text.split(";")
    header = fields[0]
    if header == "ST910":
        return Text(header, fields[1] if len(fields) > 1 else "", fields)
    return Text(header, header[-3:], fields)


def is_binary(frame: bytes) -> bool:
    data = frame.lstrip(_EOL)
    return bool(data) and data[0] in BINARY_STARTS
