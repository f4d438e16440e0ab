"""Topin framing: where the next frame ends in a TCP stream, and opening one frame.

The length byte is trusted where the frame ends on `0D 0A` exactly there; the two documented
exceptions are sized by their own layout (login: fixed; WiFi/cell: from the counts); firmware
whose length byte is off by a byte or two (captured: GPS frames counting the content alone,
status frames counting one byte too many) ends at the first `0D 0A` after the header.
Knows the envelope only, never what a message means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    CELL_ENTRY,
    HEAD,
    LOGIN_SIZE,
    MAX_FRAME_SIZE,
    START,
    STOP,
    TIME_BYTES,
    WIFI_ENTRY,
    WIFI_MESSAGES,
    Message,
)

_X78 = 0x78


class Envelope(NamedTuple):
    length: int  # the length byte as sent (the WiFi count of WiFi frames)
    protocol: int
    content: bytes


def _stop_from(data: bytes, at: int) -> int:
    """One past the first stop marker at or after ``at``; NEED_MORE when there is none yet."""
    i = data.find(STOP, at)
    return i + 2 if i >= 0 else NEED_MORE


def _wifi_minimum(data: bytes) -> int:
    """The least a WiFi/cell frame can be, from its counts; NEED_MORE until they are here."""
    cells_at = HEAD + TIME_BYTES + data[2] * WIFI_ENTRY
    if len(data) <= cells_at:
        return NEED_MORE
    return cells_at + 1 + 3 + data[cells_at] * CELL_ENTRY + 2


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] != _X78 or (n > 1 and buf[1] != _X78):
        return -garbage_before(buf[:MAX_FRAME_SIZE], b"\x78")
    if n < HEAD:
        return NEED_MORE
    data = bytes(buf[: MAX_FRAME_SIZE + 1])
    protocol = data[3]
    if protocol == Message.LOGIN:
        return LOGIN_SIZE
    if protocol in WIFI_MESSAGES:
        least = _wifi_minimum(data)
        if least == NEED_MORE:
            return NEED_MORE
        end = _stop_from(data, least - 2)
    else:
        declared = data[2] + 5
        if data[2] and len(data) >= declared and data[declared - 2 : declared] == STOP:
            return declared
        end = _stop_from(data, HEAD)
    if end == NEED_MORE and len(data) > MAX_FRAME_SIZE:
        return -2  # no end within the cap: not a frame start
    return end


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's envelope."""
    if len(frame) < HEAD + 2 or frame[:2] != START:
        raise (TruncatedFrame if frame[:2] == START[: len(frame[:2])] else FramingError)(
            f"not a whole Topin frame: {frame[:8].hex()}"
        )
    if frame[-2:] != STOP:
        raise TruncatedFrame("frame without its 0D 0A end")
    expected = frame_length(frame)
    if expected != len(frame):
        raise TruncatedFrame(f"frame of {len(frame)} bytes, its layout says {expected}")
    return Envelope(frame[2], frame[3], frame[HEAD:-2])


def build(length: int, protocol: int, content: bytes = b"") -> bytes:
    return START + bytes((length, protocol)) + content + STOP
