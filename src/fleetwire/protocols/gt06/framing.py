"""The GT06 wire envelope: where a frame ends in a stream, checking one, building one.

`78 78 len8` or `79 79 len16`, then protocol number, content, serial(2), CRC-16/X-25(2) over
length..serial, and `0D 0A`. This module knows the envelope only, never what a protocol number
means (except the one length quirk below, which is an envelope matter).
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_x25
from fleetwire.protocols.base import NEED_MORE

from .constants import LONG_START, SHORT_START, STOP, MessageType

_X78 = 0x78
_X79 = 0x79
_CR = 0x0D
_LF = 0x0A
_MIN_LEN = 5  # protocol(1) + serial(2) + crc(2): a declared length below this is garbage

# The heartbeat quirk: firmware following the vendor's own 0x13 example declares length 8 (as
# if the content were 3 bytes) but sends the 5-byte content, with a CRC over the bytes actually
# sent (captured in traccar Gt06FrameDecoderTest: 787808134606020002044dc5050d0a). Without
# this the heartbeat is never answered and the device reboots itself every few minutes.
_QUIRK_LEN = 0x08
_QUIRK_EXTRA = 2


class Envelope(NamedTuple):
    """A checked frame: its protocol number, where its content lies, and its serial."""

    protocol: int
    start: int  # first content byte
    end: int  # one past the last content byte
    serial: int


def _is_heartbeat_quirk(buf: Buffer, total: int) -> bool:
    return buf[2] == _QUIRK_LEN and buf[3] == MessageType.STATUS and total == _QUIRK_LEN + 5


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n < 2:
        return NEED_MORE if n == 0 or buf[0] in (_X78, _X79) else -1
    b0 = buf[0]
    if b0 == _X78 and buf[1] == _X78:
        if n < 3:
            return NEED_MORE
        declared = buf[2]
        total = declared + 5
    elif b0 == _X79 and buf[1] == _X79:
        if n < 4:
            return NEED_MORE
        declared = (buf[2] << 8) | buf[3]
        total = declared + 6
    else:
        return -_garbage_run(buf)
    if declared < _MIN_LEN:
        return -1
    if n < total:
        return total  # not all here yet; saying so lets the framer apply its size cap early
    if buf[total - 2] == _CR and buf[total - 1] == _LF:
        return total
    if b0 == _X78 and _is_heartbeat_quirk(buf, total):
        end = total + _QUIRK_EXTRA
        if n < end:
            return end
        if buf[end - 2] == _CR and buf[end - 1] == _LF:
            return end
    # A start marker with a length that does not land on a stop marker: not a frame; step past
    # one byte so a real header inside it is still found.
    return -1


def _garbage_run(buf: Buffer) -> int:
    """Bytes before the next possible start marker (a lone last 78/79 may begin one)."""
    data = bytes(buf)  # only on the garbage path
    cut = len(data)
    for marker in (SHORT_START, LONG_START):
        i = data.find(marker, 1)
        if 0 < i < cut:
            cut = i
    if cut == len(data) and data[-1] in (_X78, _X79) and len(data) > 1:
        cut = len(data) - 1
    return max(cut, 1)


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's markers, length and CRC; raise the device's error otherwise."""
    n = len(frame)
    if frame[:2] == SHORT_START:
        head = 3
        declared = frame[2] if n > 2 else -1
        total = declared + 5
    elif frame[:2] == LONG_START:
        head = 4
        declared = int.from_bytes(frame[2:4], "big") if n > 3 else -1
        total = declared + 6
    else:
        if n < 2:
            raise TruncatedFrame(f"{n} bytes is no GT06 frame")
        raise FramingError(f"bad start marker {frame[:2].hex()}")
    if declared < 0 or n < head + 1 + 2 + 2 + 2:
        raise TruncatedFrame(f"{n} bytes is no GT06 frame")
    if declared < _MIN_LEN:
        raise FramingError(f"declared length {declared} is too short")
    if n != total and not (
        head == 3 and n == total + _QUIRK_EXTRA and _is_heartbeat_quirk(frame, total)
    ):
        if n < total:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise FramingError(f"declared {total} bytes, got {n}")
    if frame[-2:] != STOP:
        raise FramingError(f"bad stop marker {frame[-2:].hex()}")
    body = memoryview(frame)[2 : n - 4]
    expected = int.from_bytes(frame[n - 4 : n - 2], "big")
    actual = crc16_x25(body)
    if actual != expected:
        raise ChecksumError(f"CRC {expected:04x} in frame, {actual:04x} computed")
    return Envelope(frame[head], head + 1, n - 6, int.from_bytes(frame[n - 6 : n - 4], "big"))


def build_frame(protocol: int, content: bytes, serial: int) -> bytes:
    """A short (`78 78`) frame around ``content``; CRC computed here."""
    body = bytes((len(content) + 5, protocol)) + content + (serial & 0xFFFF).to_bytes(2, "big")
    return SHORT_START + body + crc16_x25(body).to_bytes(2, "big") + STOP


def reply(protocol: int, serial: int) -> bytes:
    """The standard server acknowledgement: the short form echoing protocol and serial,
    also for frames that came in the long (`79 79`) form."""
    return build_frame(protocol, b"", serial)
