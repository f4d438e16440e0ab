"""PT502 framing: where the next frame ends in a TCP stream, and opening one frame into messages.

Two envelopes share the stream (vendor GPRS protocol excerpt, traccar/traccar issue #1463):
- the simplified frame: one text message `$<TYPE>...` ended by CR and/or LF;
- the full frame: 0xBF 0xFB, XOR of the body, u16 LE length of the whole frame, then the body:
  one or more messages each ended by a line end (a capture holds four `$POS...#\\n` in one), or
  one binary photo chunk `$PHD<offset>,<size>,<JPEG bytes>\\r\\n` that only a length can frame.
Anything that cannot start either is skipped up to the next `$` or 0xBF. Knows the envelope and
the message header only, never what a message type means.
"""

from __future__ import annotations

import re

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    CR,
    FULL_HEADER_SIZE,
    FULL_MARK,
    LINE_ENDS,
    MAX_FRAME_SIZE,
    PHOTO_DATA,
    START,
)

_FIRST_LOOK = 256
_END = re.compile(rb"[\r\n]")
_NOT_TEXT = re.compile(rb"[^\x20-\x23\x25-\x7e]")  # control, non-ASCII, or a second '$'
_STARTS = re.compile(rb"[$\xbf]")
_LINES = re.compile(rb"[\r\n]+")
_MIN_FULL = FULL_HEADER_SIZE + 2  # the body holds at least '$' and a line end
_HEAD = re.compile(r"\$([A-Z]{3})([^,]*)")


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    first = buf[0]
    if first == FULL_MARK[0]:
        return _full_length(buf)
    if first == START:
        return _text_length(buf)
    return -_garbage_run(buf)


def _full_length(buf: Buffer) -> int:
    n = len(buf)
    if n >= 2 and buf[1] != FULL_MARK[1]:
        return -1
    if n > FULL_HEADER_SIZE and buf[FULL_HEADER_SIZE] != START:
        return -2  # every body starts with '$': not a header after all, resync
    if n < FULL_HEADER_SIZE:
        return NEED_MORE
    length = buf[3] | (buf[4] << 8)
    return length if length >= _MIN_FULL else -2


def _text_length(buf: Buffer) -> int:
    n = len(buf)
    head = bytes(buf[:_FIRST_LOOK])
    m = _END.search(head)
    if m is None and n > _FIRST_LOOK:
        head = bytes(buf[: MAX_FRAME_SIZE + 1])
        m = _END.search(head)
    end = m.start() if m is not None else len(head)
    bad = _NOT_TEXT.search(head, 1, end)
    if bad is not None:
        return -bad.start()  # a cut message: resync where the next one may start
    if m is None:
        return NEED_MORE  # the framer's size cap bounds the wait
    stop = end + 1
    if stop == n and buf[end] == CR:
        return NEED_MORE  # its LF is on the way (every capture ends CR LF); a next `$` ends it
    if stop < n and buf[stop] in LINE_ENDS:  # CR LF (or CR CR on some firmware) stay together
        stop += 1
    return stop


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
    m = _STARTS.search(data, 1)
    return m.start() if m is not None else len(data)


def _full_body(frame: bytes) -> bytes:
    if len(frame) < FULL_HEADER_SIZE:
        raise TruncatedFrame(f"full frame header cut at {len(frame)} bytes")
    if frame[:2] != FULL_MARK:
        raise FramingError("bad full frame header")
    length = frame[3] | (frame[4] << 8)
    if length != len(frame):
        if length > len(frame):
            raise TruncatedFrame(f"full frame of {len(frame)} bytes, header says {length}")
        raise FramingError(f"full frame of {len(frame)} bytes, header says {length}")
    body = frame[FULL_HEADER_SIZE:]
    # The XOR covers the body with its line end (issue #1050 capture: 0x5E over `$POS...\r\n`).
    if xor8(body) != frame[2]:
        raise ChecksumError(f"XOR {frame[2]:02x}, computed {xor8(body):02x}")
    if not body.startswith(b"$") or body[-1] not in LINE_ENDS:
        raise InvalidField("full frame body is not `$...` ended by a line end")
    return body


def open_frame(frame: bytes) -> list[bytes]:
    """The messages of one whole frame, without their line ends; the device's error otherwise.

    A photo chunk comes back whole (binary); text messages must be printable ASCII.
    """
    if frame[:1] == FULL_MARK[:1]:
        body = _full_body(frame)
        if body[1:4] == PHOTO_DATA.encode():
            return [body[:-2] if body.endswith(b"\r\n") else body[:-1]]
        messages = [m for m in _LINES.split(body) if m]
    elif frame[:1] == b"$":
        text = frame.rstrip(b"\r\n")
        if len(text) == len(frame):
            raise TruncatedFrame(f"message of {len(frame)} bytes without its line end")
        messages = [text]
    else:
        raise FramingError(f"not a PT502 frame: {frame[:8]!r}")
    for m in messages:
        if not m.startswith(b"$") or _NOT_TEXT.search(m, 1) is not None:
            raise InvalidField(f"bad message {m[:24]!r}")
    return messages


def message_type(message: bytes) -> tuple[str, str, list[str]]:
    """Type code, what follows it before the first comma (PHO size, FUS id, PHD offset) and the
    comma-separated fields of a text message; photo chunks give no fields."""
    head = _HEAD.match(message[:40].decode("ascii", "replace"))
    if head is None:
        raise InvalidField(f"bad message type {message[:12]!r}")
    code, suffix = head.groups()
    if code == PHOTO_DATA:
        return code, suffix, []
    return code, suffix, message.decode("ascii").split(",")


def wrap(body: bytes) -> bytes:
    """The full frame around ``body`` (messages each ended by a line end, or a photo chunk)."""
    length = FULL_HEADER_SIZE + len(body)
    if length > 0xFFFF:
        raise ValueError(f"full frame body of {len(body)} bytes does not fit")
    return FULL_MARK + bytes((xor8(body), length & 0xFF, length >> 8)) + body
