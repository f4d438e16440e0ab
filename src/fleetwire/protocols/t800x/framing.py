"""The Topflytech T880x envelope: where a frame ends in a stream, checking one, building one.

``HH HH`` (the doubled family header), message type(1), length(2) of the whole packet,
serial(2), IMEI(8, BCD with a leading zero nibble), content. There is no checksum: the length,
the doubled header and the BCD IMEI are all there is to check. Knows nothing about what a
message type means; shared by the t800x and topflytech packages.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, bcd, to_bcd
from fleetwire.protocols.base import NEED_MORE

from .constants import ACK_SIZE, ALARM_ACK_SIZE, ENVELOPE_SIZE, HEADERS, MAX_FRAME_SIZE

_HEAD: Final = struct.Struct(">BBBHH8s")  # header, header, type, length, serial, IMEI
_IMEI_DIGITS: Final = 15


class Envelope(NamedTuple):
    header: int
    type: int
    serial: int
    imei: str
    raw_imei: bytes  # the 8 BCD bytes, echoed in replies


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] not in HEADERS:
        return -_garbage_run(buf)
    if n < 2:
        return NEED_MORE
    if buf[1] != buf[0]:
        return -1
    if n < 5:
        return NEED_MORE
    length = (buf[3] << 8) | buf[4]
    # Below the envelope or past the cap a length is line noise: resync a byte further on.
    return length if ENVELOPE_SIZE <= length <= MAX_FRAME_SIZE else -1


def _garbage_run(buf: Buffer) -> int:
    """Bytes before the next byte that may start a header."""
    data = bytes(buf[: MAX_FRAME_SIZE + 1])  # only on the garbage path
    cut = len(data)
    for h in HEADERS:
        i = data.find(h, 1)
        if 0 < i < cut:
            cut = i
    return cut


def imei_of(raw: bytes) -> str:
    digits = bcd(raw)
    return digits[1:] if len(digits) > _IMEI_DIGITS and digits[0] == "0" else digits


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's header and length; read its serial and IMEI."""
    n = len(frame)
    if n < ENVELOPE_SIZE:
        if n >= 2 and (frame[0] not in HEADERS or frame[1] != frame[0]):
            raise FramingError(f"bad header {frame[:2].hex()}")
        raise TruncatedFrame(f"{n} bytes is no T880x frame")
    h1, h2, kind, length, serial, raw = _HEAD.unpack_from(frame)
    if h1 not in HEADERS or h2 != h1:
        raise FramingError(f"bad header {frame[:2].hex()}")
    if length != n:
        if length > n:
            raise TruncatedFrame(f"length {length} in a {n}-byte frame")
        raise FramingError(f"length {length} in a {n}-byte frame")
    try:
        imei = imei_of(raw)
    except InvalidField as e:
        raise InvalidField(f"IMEI {raw.hex()} is not BCD") from e
    return Envelope(h1, kind, serial, imei, raw)


def build_frame(header: int, kind: int, serial: int, imei: str, content: bytes = b"") -> bytes:
    raw = to_bcd(imei, 8)
    head = _HEAD.pack(header, header, kind, ENVELOPE_SIZE + len(content), serial & 0xFFFF, raw)
    return head + content


def ack(env: Envelope, alarm: int | None = None) -> bytes:
    """The reply: the envelope echoed with length 15, or 16 with the alarm code it confirms."""
    size = ACK_SIZE if alarm is None else ALARM_ACK_SIZE
    head = _HEAD.pack(env.header, env.header, env.type, size, env.serial, env.raw_imei)
    return head if alarm is None else head + bytes((alarm,))
