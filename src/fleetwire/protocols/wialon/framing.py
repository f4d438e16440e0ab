"""The Wialon IPS envelope: where a packet ends in a stream, opening one, checking its CRC.

`#<type>#<message>\r\n` over TCP; over UDP the same with `[<version>;]<id>` in front and the
terminator optional. An image packet (`#I#sz;…\r\n`) is followed by `sz` bytes of binary that
belong to the same frame. v2.0 messages end in a CRC-16/ARC field, written in hex, computed over
the message text up to and including the separator before it. This module knows the envelope
and the field counts that tell where a CRC sits, never what the fields mean.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_arc
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    DATA_FIELDS,
    IMAGE_FIELDS,
    MAX_FRAME_SIZE,
    MAX_ID_LENGTH,
    SHORT_FIELDS,
    TERMINATOR,
    PacketType,
)

_HASH: Final = 0x23
_A: Final = 0x41
_Z: Final = 0x5A
_MAX_TYPE: Final = 3  # the longest packet type is three letters (ASD, AIT)
_SCAN: Final = 512  # bytes copied per step while looking for the terminator
_SKIP: Final = -1
_ENVELOPE: Final = re.compile(rb"(?:(?:(\d+\.\d+);)?([^#;\s]+))?#([A-Z]{1,3})#")
_CRC: Final = re.compile(rb"(?:0[xX])?[0-9A-Fa-f]{1,4}")
_DIGITS: Final = re.compile(rb"\d{1,9}")


class ChecksumNack(ChecksumError):
    """A CRC mismatch, with the answer the protocol defines for it in ``reply`` (the gateway
    sends it; the device resends on receiving it)."""

    def __init__(self, message: str, reply: bytes) -> None:
        super().__init__(message, reply=reply)


class Packet(NamedTuple):
    version: str | None  # the UDP prefix's protocol version
    unique_id: str | None  # the UDP prefix's device id
    type: str
    body: bytes  # the message text, without the terminator
    binary: bytes  # an image part's bytes; empty for every other type


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next TCP frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _HASH:
        i = bytes(buf).find(b"#", 1)  # garbage path only
        return -(i if i > 0 else n)
    end = 1
    while True:  # "#TYPE#": one to three capitals between two '#'
        if end >= n:
            return NEED_MORE
        c = buf[end]
        if c == _HASH and end > 1:
            break
        if not _A <= c <= _Z or end > _MAX_TYPE:
            return _SKIP
        end += 1
    line = _line_end(buf, end + 1)
    if line <= 0:
        return line
    if bytes(buf[1:end]) == PacketType.IMAGE.encode():
        return _image_length(buf, end + 1, line)
    return line


def _line_end(buf: Buffer, start: int) -> int:
    """One past the terminator at or after ``start``; NEED_MORE when none has arrived."""
    n = len(buf)
    pos = start
    while pos < n:
        stop = min(n, pos + _SCAN)
        i = bytes(buf[pos:stop]).find(TERMINATOR)
        if i >= 0:
            return pos + i + len(TERMINATOR)
        if stop == n:
            return NEED_MORE
        pos = stop - 1  # a CR at the chunk's end may pair with the next chunk's LF
    return NEED_MORE


def _image_length(buf: Buffer, start: int, line: int) -> int:
    size = bytes(buf[start : line - len(TERMINATOR)]).split(b";", 1)[0]
    if not _DIGITS.fullmatch(size) or int(size) > MAX_FRAME_SIZE:
        return _SKIP
    return line + int(size)


def open_packet(frame: bytes, udp: bool = False) -> Packet:
    """Split a whole frame into its parts. Over TCP the terminator is required (a frame cut
    short must never parse); a UDP datagram is whole by nature and may omit it."""
    m = _ENVELOPE.match(frame)
    if m is None:
        if not frame or (frame[:1] == b"#" and b"#" not in frame[1:]):
            raise TruncatedFrame(f"{len(frame)} bytes is no Wialon packet")
        raise FramingError(f"no '#type#' header in {frame[:16]!r}")
    version, uid, kind = m.group(1, 2, 3)
    if uid is not None and len(uid) > MAX_ID_LENGTH:
        raise InvalidField(f"device id of {len(uid)} characters")
    rest = frame[m.end() :]
    binary = b""
    line_end = rest.find(TERMINATOR)
    if kind == PacketType.IMAGE.encode() and line_end >= 0:
        binary = rest[line_end + len(TERMINATOR) :]
        rest = rest[: line_end + len(TERMINATOR)]
    if rest.endswith(TERMINATOR):
        body = rest[: -len(TERMINATOR)]
    elif udp:
        body = rest
    else:
        raise TruncatedFrame("packet without its terminator")
    if TERMINATOR in body:
        raise FramingError("terminator inside a packet")
    return Packet(
        version.decode() if version else None,
        uid.decode("ascii", "replace") if uid else None,
        kind.decode(),
        body,
        binary,
    )


def text(raw: bytes) -> str:
    """Message text: UTF-8, or the Windows-1251 that Russian-market firmware sends."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1251", "replace")


# --- CRC ---------------------------------------------------------------------------------------


def crc_field(signed: bytes) -> bytes:
    """The CRC field a v2.0 packet carries after ``signed``: four upper-case hex digits."""
    return b"%04X" % crc16_arc(signed)


def is_crc(field: bytes) -> bool:
    return _CRC.fullmatch(field) is not None


def crc_matches(signed: bytes, field: bytes) -> bool:
    return is_crc(field) and int(field, 16) == crc16_arc(signed)


def verify(signed: bytes, field: bytes, nack: bytes) -> None:
    """Check ``field`` (hex, some firmware writes it with 0x and without leading zeros)."""
    if not is_crc(field):
        raise InvalidField(f"bad CRC field {field[:8]!r}")
    expected = int(field, 16)
    actual = crc16_arc(signed)
    if actual != expected:
        raise ChecksumNack(f"CRC {expected:04X} in packet, {actual:04X} computed", nack)


def fields(body: bytes, counts: tuple[int, ...], nack: bytes) -> list[bytes]:
    """The ';'-separated fields of a message that has one of ``counts`` fields, or one more
    when it carries a v2.0 CRC (checked here and dropped)."""
    parts = body.split(b";")
    if len(parts) in counts:
        return parts
    if len(parts) - 1 in counts:
        verify(body[: len(body) - len(parts[-1])], parts[-1], nack)
        return parts[:-1]
    raise InvalidField(f"{len(parts)} fields, expected one of {counts} (+ CRC)")


def black_box(body: bytes, nack: bytes) -> list[bytes]:
    """The '|'-separated messages of a black box packet; a v2.0 CRC ends it as a last part
    without ';' (checked here and dropped)."""
    parts = body.split(b"|")
    last = parts[-1]
    if len(parts) > 1 and b";" not in last and last:
        verify(body[: len(body) - len(last)], last, nack)
        parts = parts[:-1]
    messages = [p for p in parts if p]
    for p in messages:
        count = p.count(b";") + 1
        if count not in (SHORT_FIELDS, DATA_FIELDS):
            raise InvalidField(f"black box message of {count} fields")
    return messages


def image_part(p: Packet) -> tuple[int, int]:
    """(part index, part count) of an image part whose binary has the size its header says.
    The header's v2.0 CRC is not checked: the document does not say whether it also covers
    the binary that follows."""
    parts = p.body.split(b";")
    if len(parts) not in (IMAGE_FIELDS, IMAGE_FIELDS + 1):
        raise InvalidField(f"image header of {len(parts)} fields")
    size, index, count = parts[:3]
    if not (_DIGITS.fullmatch(size) and _DIGITS.fullmatch(index) and _DIGITS.fullmatch(count)):
        raise InvalidField(f"bad image header {p.body[:32]!r}")
    if len(p.binary) != int(size):
        raise InvalidField(f"image part of {len(p.binary)} bytes, header says {int(size)}")
    return int(index), int(count)


def build(kind: str, body: bytes, crc: bool, prefix: bytes = b"", sep: bytes = b";") -> bytes:
    """A packet around ``body``; with ``crc`` the v2.0 CRC field is appended after ``sep``
    (';', or '|' for a black box)."""
    if crc:
        body = body + sep + crc_field(body + sep)
    return prefix + b"#" + kind.encode() + b"#" + body + TERMINATOR
