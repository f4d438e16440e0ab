"""Tramigo framing: where the next frame ends (its length field), and opening one frame.

0x80 frames give their whole length as u16 LE at offset 6, 0x04 frames at offset 1; anything
else cannot start a frame and is skipped. Knows the envelope only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import BINARY, BINARY_HEADER, MAX_FRAME_SIZE, TEXT, TEXT_HEADER

_AT = {TEXT: 6, BINARY: 1}
_MIN = {TEXT: TEXT_HEADER, BINARY: BINARY_HEADER + 1}


def _starts(buf: Buffer) -> int:
    for i in range(1, len(buf)):
        if buf[i] in _AT:
            return -i
    return -len(buf)


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    kind = buf[0]
    if kind not in _AT:
        return _starts(bytes(buf[:MAX_FRAME_SIZE]))
    at = _AT[kind]
    if len(buf) < at + 2:
        return NEED_MORE
    length = buf[at] | buf[at + 1] << 8
    if length < _MIN[kind] or length > MAX_FRAME_SIZE:
        return _starts(bytes(buf[:MAX_FRAME_SIZE]))
    return length


@dataclass(frozen=True, slots=True)
class Frame:
    kind: int  # TEXT or BINARY
    number: int  # the message number (0x80 frames)
    unit: int | None  # the unit id (0x80 frames)
    time: int  # unix seconds (0x80 frames)
    body: bytes  # the text of a 0x80 frame, everything after the length of a 0x04 one


def open_frame(frame: bytes) -> Frame:
    kind = frame[0] if frame else -1
    if kind not in _AT:
        raise FramingError(f"not a Tramigo frame: {frame[:4].hex()}")
    at = _AT[kind]
    if len(frame) < max(at + 2, _MIN[kind]):
        raise TruncatedFrame(f"Tramigo frame of {len(frame)} bytes")
    length = frame[at] | frame[at + 1] << 8
    if length != len(frame):
        if length > len(frame):
            raise TruncatedFrame(f"Tramigo frame of {len(frame)} bytes, header says {length}")
        raise FramingError(f"Tramigo frame of {len(frame)} bytes, header says {length}")
    if kind == BINARY:
        return Frame(kind, 0, None, 0, frame[BINARY_HEADER:])
    number = struct.unpack_from("<H", frame, 2)[0]
    unit, time = struct.unpack_from("<II", frame, 12)
    return Frame(kind, number, unit, time, frame[TEXT_HEADER:])
