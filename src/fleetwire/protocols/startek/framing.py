"""The Startek envelope: where a frame ends in a stream, checking one, building one.

`&&<index><length>,<imei>,<command>,<data><checksum>\r\n` from the device and the same with
`$$` from the server. ``index`` is one character, ``length`` counts the bytes from the ',' after
it up to the checksum, and the checksum is the byte sum (mod 256) of everything before it in two
upper-case hex digits. This module knows the envelope only, never what the data means.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import CHECKSUM_SIZE, MAX_DATA_LENGTH, TERMINATOR, UPLINK_START

_AMP: Final = 0x26
_COMMA: Final = 0x2C
_MAX_DIGITS: Final = 4  # the length field: up to MAX_DATA_LENGTH
_HEADER: Final = re.compile(rb"&&([\x21-\x7e])(\d{1,4}),")  # device frames only
_IMEI: Final = re.compile(rb"\d{1,20}")
_HEX2: Final = re.compile(rb"[0-9A-Fa-f]{2}")


class Envelope(NamedTuple):
    imei: str
    command: str
    data: bytes  # after "<command>," (empty when the frame has no data), before the checksum


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _AMP:
        return -garbage_before(buf, b"&")
    if n < 2:
        return NEED_MORE
    if buf[1] != _AMP:
        return -1
    if n < 3:
        return NEED_MORE
    if not 0x21 <= buf[2] <= 0x7E:
        return -1
    digits = 0
    pos = 3
    while True:  # the decimal length, ended by ','
        if pos >= n:
            return NEED_MORE
        c = buf[pos]
        if c == _COMMA and digits:
            break
        if not 0x30 <= c <= 0x39 or digits == _MAX_DIGITS:
            return -1
        digits += 1
        pos += 1
    length = int(bytes(buf[3:pos]))
    if length > MAX_DATA_LENGTH or length < 1:
        return -1
    total = pos + length + CHECKSUM_SIZE + len(TERMINATOR)
    if n < total:
        return total
    if bytes(buf[total - 2 : total]) != TERMINATOR:
        return -1  # a length that does not land on CR LF: not a frame
    return total


def checksum(data: bytes) -> bytes:
    return b"%02X" % (sum(data) & 0xFF)


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's markers, length, checksum and IMEI; raise the device's error."""
    m = _HEADER.match(frame)
    if m is None:
        if len(frame) < 6 or UPLINK_START.startswith(frame[:2]):
            raise TruncatedFrame(f"{len(frame)} bytes is no Startek frame")
        raise FramingError(f"bad header {frame[:8]!r}")
    end = m.end() - 1 + int(m.group(2))  # the length counts from the ','
    total = end + CHECKSUM_SIZE + len(TERMINATOR)
    if len(frame) != total:
        if len(frame) < total:
            raise TruncatedFrame(f"declared {total} bytes, have {len(frame)}")
        raise FramingError(f"declared {total} bytes, got {len(frame)}")
    if not frame.endswith(TERMINATOR):
        raise FramingError("no CR LF at the declared end")
    field = frame[end : end + CHECKSUM_SIZE]
    if not _HEX2.fullmatch(field):
        raise InvalidField(f"bad checksum field {field!r}")
    actual = sum(frame[:end]) & 0xFF
    if int(field, 16) != actual:
        raise ChecksumError(f"checksum {field.decode()} in frame, {actual:02X} computed")
    parts = frame[m.end() : end].split(b",", 2)
    if len(parts) < 2 or not _IMEI.fullmatch(parts[0]):
        raise InvalidField(f"bad IMEI/command in {frame[: m.end() + 24]!r}")
    data = parts[2] if len(parts) == 3 else b""
    return Envelope(parts[0].decode(), parts[1].decode("ascii", "replace"), data)


def build(start: bytes, index: str, imei: str, content: str) -> bytes:
    """A frame around ``content`` (`<command>,<data>`); length and checksum computed here."""
    body = f",{imei},{content}".encode()
    head = start + index.encode() + str(len(body)).encode()
    return head + body + checksum(head + body) + TERMINATOR
