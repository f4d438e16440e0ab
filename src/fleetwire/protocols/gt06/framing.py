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

# Firmware variants that frame without serial and CRC, so nothing can prove them corrupt; each
# is recognised only where its own layout lands exactly on the stop marker:
# - GPS frames (0x10/0x11/0x12) whose length byte counts the content alone (traccar
#   Gt06ProtocolDecoderTest captures 7878121011091c0b... and 7878151117010310...);
# - the GT03-style WiFi/cell frames (0x17/0x69) whose "length" byte is the WiFi count: BCD time(6),
#   WiFi x (MAC 6 + signal 1), cell count, MCC(2) MNC(1), cells x (LAC 2, CI 2, signal 1);
# - frames whose length byte (1-4) leaves no room for serial and CRC.
_NO_CRC_GPS = frozenset({MessageType.GPS, MessageType.GPS_LBS_OLD, MessageType.GPS_LBS})
_WIFI_COUNTED = frozenset({MessageType.WIFI, MessageType.WIFI_2})
_WIFI_HEAD = 4 + 6  # start, count, protocol, time
_WIFI_ENTRY = 7
_CELL_ENTRY = 5


class Envelope(NamedTuple):
    """A checked frame: its protocol number, where its content lies, and its serial."""

    protocol: int
    start: int  # first content byte
    end: int  # one past the last content byte
    serial: int  # NO_SERIAL for the variants that carry none
    long: bool = False  # 79 79 form
    length: int = 0  # the length field as sent (the WiFi count of the GT03-style frames)


NO_SERIAL = -1


def _wifi_total(buf: Buffer) -> int:
    """Length of a WiFi-count frame from its own counts; NEED_MORE while they are not here."""
    cells_at = _WIFI_HEAD + buf[2] * _WIFI_ENTRY
    if len(buf) <= cells_at:
        return NEED_MORE
    return cells_at + 1 + 3 + buf[cells_at] * _CELL_ENTRY + 2


def _stops_at(buf: Buffer, total: int) -> bool:
    return len(buf) >= total and buf[total - 2] == _CR and buf[total - 1] == _LF


def _short_variant(buf: Buffer) -> int:
    """Total length of a 78 78 frame of one of the CRC-less variants, NEED_MORE while that
    cannot be told yet, -1 when it is none of them."""
    proto = buf[3]
    if proto in _WIFI_COUNTED:
        total = _wifi_total(buf)
        if total == NEED_MORE or len(buf) < total:
            return total  # the counts fix the length: announce it before the rest arrives
        return total if _stops_at(buf, total) else -1
    if 0 < buf[2] < _MIN_LEN:
        # too short for serial and CRC: protocol (and content) alone, as 78 78 01 08 0D 0A
        # (traccar Gt06ProtocolDecoderTest); kept for a later decoder rather than dropped
        total = buf[2] + 5
        if len(buf) < total:
            return NEED_MORE
        return total if _stops_at(buf, total) else -1
    if proto in _NO_CRC_GPS:
        total = buf[2] + 6
        if len(buf) < total:
            return NEED_MORE
        return total if _stops_at(buf, total) else -1
    return -1


def _is_heartbeat_quirk(buf: Buffer, total: int) -> bool:
    return buf[2] == _QUIRK_LEN and buf[3] == MessageType.STATUS and total == _QUIRK_LEN + 5


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n < 2:
        return NEED_MORE if n == 0 or buf[0] in (_X78, _X79) else -1
    b0 = buf[0]
    if b0 == _X78 and buf[1] == _X78:
        if n < 4:
            return NEED_MORE
        declared = buf[2]
        total = declared + 5
        if declared >= _MIN_LEN and _stops_at(buf, total):
            return total
        if declared >= _MIN_LEN and _is_heartbeat_quirk(buf, total):
            end = total + _QUIRK_EXTRA
            if n < end or _stops_at(buf, end):
                return end
        variant = _short_variant(buf)
        if variant != -1:
            return variant
    elif b0 == _X79 and buf[1] == _X79:
        if n < 4:
            return NEED_MORE
        declared = (buf[2] << 8) | buf[3]
        total = declared + 6
        if declared >= _MIN_LEN and _stops_at(buf, total):
            return total
    else:
        return -_garbage_run(buf)
    if declared < _MIN_LEN:
        return -1
    if n < total:
        return total  # not all here yet; saying so lets the framer apply its size cap early
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


def _open_variant(frame: bytes) -> Envelope | None:
    """A whole 78 78 frame of a CRC-less variant, or None when it is not one."""
    if len(frame) < 6 or frame[:2] != SHORT_START or _short_variant(frame) != len(frame):
        return None
    return Envelope(frame[3], 4, len(frame) - 2, NO_SERIAL, length=frame[2])


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
    if n != total or frame[-2:] != STOP or declared < _MIN_LEN:
        variant = _open_variant(frame)
        if variant is not None:
            return variant
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
    serial = int.from_bytes(frame[n - 6 : n - 4], "big")
    return Envelope(frame[head], head + 1, n - 6, serial, head == 4, declared)


def build_frame(protocol: int, content: bytes, serial: int, *, long: bool = False) -> bytes:
    """A short (`78 78`) or long (`79 79`) frame around ``content``; CRC computed here."""
    size = len(content) + 5
    head = LONG_START + size.to_bytes(2, "big") if long else SHORT_START + bytes((size,))
    body = head[2:] + bytes((protocol,)) + content + (serial & 0xFFFF).to_bytes(2, "big")
    return head[:2] + body + crc16_x25(body).to_bytes(2, "big") + STOP


def reply(protocol: int, serial: int, *, long: bool = False) -> bytes:
    """The standard server acknowledgement echoing protocol and serial: the short form, also
    for long frames, except where the device's document answers long frames in kind."""
    return build_frame(protocol, b"", serial, long=long)


def wifi_reply(frame: bytes) -> bytes:
    """The answer to a GT03-style WiFi frame: `78 78 00 <protocol> <its BCD time> 0D 0A`, no
    serial and no CRC, as the frame itself."""
    return SHORT_START + b"\x00" + frame[3:10] + STOP
