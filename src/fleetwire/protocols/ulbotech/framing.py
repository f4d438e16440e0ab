"""Ulbotech framing: where the next frame ends in a stream, and opening or building one.

Two frame forms share a connection. Binary: `F8`, the escaped content (version, frame type,
IMEI, time, data blocks, CRC-16/XMODEM of everything before it), `F8`; inside, F8 and F7 are
sent as F7 0F and F7 00. Text: printable ASCII from `*TS01,` to `#`. Anything else is skipped up
to the next byte that can start a frame. Knows the envelopes only, never what a block means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Final

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_xmodem
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    CRC_SIZE,
    EPOCH_2000,
    ESCAPE,
    ESCAPED,
    FIX_3D_BIT,
    FLAG,
    HEADER_SIZE,
    IMEI_SIZE,
    MAX_FRAME_SIZE,
    MIN_BINARY,
    TEXT_ACK,
    TEXT_DATA_KEYS,
    TEXT_END,
    TEXT_PREFIX,
    TEXT_START,
    TIME_MASK,
    VERSION,
    FrameType,
)

_STAR: Final = 0x2A
_NOT_TEXT: Final = re.compile(rb"[^\x20-\x7e]")
_STARTS: Final = re.compile(rb"[\xf8*]")
_TEXT: Final = re.compile(r"\*TS01,([0-9]{10,17})(?:,(.*))?", re.DOTALL)
_UNESCAPE: Final = {0x00: bytes((ESCAPE,)), 0x0F: bytes((FLAG,))}


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    first = buf[0]
    if first == FLAG:
        return _binary_length(buf)
    if first == _STAR:
        return _text_length(buf)
    return -_garbage_run(buf)


def _binary_length(buf: Buffer) -> int:
    n = len(buf)
    if n < 2:
        return NEED_MORE
    if buf[1] != VERSION:
        return -1  # a closing flag of a frame we lost, or garbage: resync on the next byte
    end = _find(buf, FLAG, 1)
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    if end + 1 < MIN_BINARY:
        return -end  # too short for a frame: the second flag may open the real one
    return end + 1


def _text_length(buf: Buffer) -> int:
    n = len(buf)
    k = min(n, len(TEXT_START))
    if bytes(buf[:k]) != TEXT_START[:k]:
        return -1
    if n <= len(TEXT_START):
        return NEED_MORE
    end = _find(buf, TEXT_END, 0)
    head = bytes(buf[: end if end >= 0 else MAX_FRAME_SIZE + 1])
    bad = _NOT_TEXT.search(head)
    if bad is not None:
        return -bad.start()  # > 0: "*TS" itself is text
    restart = head.find(b"*", 1)
    if restart >= 0:
        return -restart  # a frame cut before its '#': resync at the next '*'
    if end < 0:
        return NEED_MORE
    return end + 1


def _find(buf: Buffer, value: int, start: int) -> int:
    """Index of ``value`` in the first MAX_FRAME_SIZE + 1 bytes of ``buf``, or -1; copies
    growing windows, so that a read of many small frames is not copied whole for each one."""
    limit = min(len(buf), MAX_FRAME_SIZE + 1)
    pos, step = start, 256
    while pos < limit:
        stop = min(limit, pos + step)
        i = bytes(buf[pos:stop]).find(value)
        if i >= 0:
            return pos + i
        pos, step = stop, step * 4
    return -1


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
    m = _STARTS.search(data, 1)
    return m.start() if m is not None else len(data)


# --- binary frames ---------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Binary:
    """A checked binary frame: its unescaped content and the header fields."""

    content: bytes  # version .. last data byte, unescaped, without the CRC
    frame_type: int
    imei: str  # empty unless frame_type is DATA
    seconds: int  # since 2000-01-01 UTC; 0: the device did not know the time
    fix_3d: bool
    crc: int  # the frame's CRC field


def unescape(raw: Buffer) -> bytes:
    """The content between the flags with the F7 escapes resolved."""
    data = bytes(raw)
    if ESCAPE not in data:
        return data
    parts = data.split(bytes((ESCAPE,)))
    out = [parts[0]]
    for part in parts[1:]:
        if not part or part[0] not in ESCAPED:
            raise InvalidField(f"bad escape F7 {part[:1].hex() or 'at the end'}")
        out.append(_UNESCAPE[part[0]])
        out.append(part[1:])
    return b"".join(out)


def escape(content: bytes) -> bytes:
    return content.replace(b"\xf7", b"\xf7\x00").replace(b"\xf8", b"\xf7\x0f")


def build_binary(content: bytes) -> bytes:
    """Flags around the escaped content and its CRC."""
    crc = crc16_xmodem(content)
    return b"\xf8" + escape(content + crc.to_bytes(2, "big")) + b"\xf8"


def open_binary(frame: bytes) -> Binary:
    """Check a whole binary frame's flags, escapes, CRC and header; raise the device's error
    otherwise."""
    n = len(frame)
    if n < 2 or frame[0] != FLAG:
        raise TruncatedFrame(f"{n} bytes is no Ulbotech frame")
    if frame[-1] != FLAG:
        raise TruncatedFrame(f"frame of {n} bytes without its closing F8")
    if FLAG in frame[1:-1]:
        raise FramingError("two frames in one")
    data = unescape(memoryview(frame)[1:-1])
    if len(data) < 3 + CRC_SIZE:
        raise TruncatedFrame(f"{len(data)} content bytes is no frame")
    content, sent = data[:-CRC_SIZE], int.from_bytes(data[-CRC_SIZE:], "big")
    computed = crc16_xmodem(content)
    if sent != computed:
        raise ChecksumError(f"CRC {sent:04x} in frame, {computed:04x} computed")
    if content[0] != VERSION:
        raise InvalidField(f"protocol version {content[0]:#04x}")
    frame_type = content[1]
    if frame_type != FrameType.DATA:
        return Binary(content, frame_type, "", 0, False, sent)
    if len(content) < HEADER_SIZE - 1:
        raise TruncatedFrame(f"data frame of {len(content)} content bytes")
    digits = content[2 : 2 + IMEI_SIZE].hex()
    if not digits.isdigit() or digits[0] != "0":
        raise InvalidField(f"IMEI field {digits} is not 15 BCD digits")
    stamp = int.from_bytes(content[2 + IMEI_SIZE : 6 + IMEI_SIZE], "big")
    return Binary(
        content, frame_type, digits[1:], stamp & TIME_MASK, bool(stamp & FIX_3D_BIT), sent
    )


def frame_time(seconds: int) -> datetime:
    return datetime.fromtimestamp(EPOCH_2000 + seconds, UTC)


# --- text frames ---------------------------------------------------------------------------


class Shape(Enum):
    HEARTBEAT = "heartbeat"  # `*TS01,<id>#`: identity only
    DATA = "data"  # items the vendor tool lists as data (GPS, STT, MGR, ADC ...)
    ANSWER = "answer"  # anything else, e.g. `WFE:0`: the answer to a command


@dataclass(slots=True, frozen=True)
class Text:
    """A checked text frame: `*TS01,<id>[,<HHMMSSDDMMYY>,<KEY:value>...]#`."""

    device_id: str
    stamp: str  # empty when the frame has none
    fields: tuple[str, ...]  # the KEY:value items after the time

    @property
    def shape(self) -> Shape:
        if not self.fields:
            return Shape.HEARTBEAT
        if any(f[:3] in TEXT_DATA_KEYS for f in self.fields):
            return Shape.DATA
        return Shape.ANSWER


def open_text(frame: bytes) -> Text:
    if not frame.startswith(TEXT_START):
        raise FramingError(f"not an Ulbotech text frame: {frame[:16]!r}")
    if not frame.endswith(b"#"):
        raise TruncatedFrame(f"text frame of {len(frame)} bytes without its '#'")
    if _NOT_TEXT.search(frame) is not None:
        raise InvalidField("control or non-ASCII byte in a text frame")
    text = frame[:-1].decode("ascii")
    if "#" in text or "*" in text[1:]:
        raise FramingError("two frames in one")
    m = _TEXT.fullmatch(text)
    if m is None:
        raise InvalidField(f"bad text header {text[:40]!r}, want {TEXT_PREFIX},<id>")
    rest = m.group(2)
    if rest is None:
        return Text(m.group(1), "", ())
    stamp, *fields = rest.split(",")
    if len(stamp) != 12 or not stamp.isdigit():
        raise InvalidField(f"text time {stamp!r} is not HHMMSSDDMMYY")
    return Text(m.group(1), stamp, tuple(fields))


def text_ack(frame: bytes) -> bytes:
    """`*TS01,ACK:XXXX#`, XXXX the CRC-16/XMODEM of the whole frame as received."""
    return TEXT_ACK.format(crc16_xmodem(frame)).encode("ascii")
