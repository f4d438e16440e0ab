"""Totem framing: where the next frame ends in a TCP stream, and opening one checked frame.

Both envelopes start `$$` and carry their own length, which counts every byte up to and with
the checksum and not the CR LF after it. The AVL02 document says the length includes "header
and end", but its own example (`$$A9...96F7` plus CR LF, 169 + 2 bytes) and every capture count
without the CR LF; we follow the example.

- CLASSIC (AVL02 User Guide V1.5 section 3, AVL-08 GPRS Data Protocol v1.0.1): `$$`, 2 hex
  digits of length, the IMEI (at most 20 digits), `|`, ..., `|`, CRC-16/MODBUS of every byte
  before it as 4 hex digits, CR LF. Both documents end the frame with CR LF: it is required.
  (A compact layout seen in captures has no `|` before the CRC; the CRC rule is the same.)
- FIXED (AT07/AT09-era firmware): `$$`, 4 decimal digits of length, a 2-character message type,
  a 15-digit IMEI, `|`, fixed-width fields, 2 hex digits of checksum. The vendor document
  ("AT09 Protocol & Commands V2.43", section 2.1 "checksum for all GPRS strings") could not be
  read; that the checksum is the XOR of every byte before it, and the length rule above, were
  checked against every public capture. Whether a CR LF follows is not known, so a CR LF that
  has already arrived is taken with the frame and one that arrives later is skipped.

Knows the envelopes only, never what the fields mean.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_modbus, xor8
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    CLASSIC_CRC_SIZE,
    CLASSIC_LENGTH_DIGITS,
    FIXED_BAR,
    FIXED_CHECKSUM_SIZE,
    FIXED_LENGTH_DIGITS,
    HEADER,
    MAX_ID_SIZE,
    MIN_FIXED,
    SEPARATOR,
    TERMINATOR,
    Envelope,
)

_SKIP: Final = -1
# the header's '|', the alarm type and the CRC at least
_MIN_AFTER_BAR: Final = 1 + 2 + CLASSIC_CRC_SIZE
_DOLLAR: Final = 0x24
_DIGITS: Final = frozenset(b"0123456789")
_HEX: Final = frozenset(b"0123456789ABCDEFabcdef")
_TYPE: Final = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HEAD_CHARS: Final = _HEX | _TYPE


class Header(NamedTuple):
    envelope: Envelope
    length: int  # bytes up to and with the checksum
    unique_id: str
    bar: int  # index of the '|' that ends the header


class Frame(NamedTuple):
    """A checked frame: its envelope, sender, FIXED message type and the text between the
    header's '|' and the checksum (CLASSIC: without the '|' before the CRC)."""

    envelope: Envelope
    unique_id: str
    type: str  # FIXED: the message type ("AA", ...); CLASSIC: the alarm type's two digits
    body: bytes


def _only(chars: frozenset[int], data: bytes) -> bool:
    return bool(data) and all(c in chars for c in data)


def _header(head: bytes) -> Header | int:
    """The header in ``head`` (the frame's first bytes), NEED_MORE, or _SKIP."""
    bar = head.find(SEPARATOR, len(HEADER) + CLASSIC_LENGTH_DIGITS)
    if bar < 0:
        if len(head) > FIXED_BAR or not all(c in _HEAD_CHARS for c in head[len(HEADER) :]):
            return _SKIP
        return NEED_MORE
    fixed_len = head[2 : 2 + FIXED_LENGTH_DIGITS]
    if (
        bar == FIXED_BAR
        and _only(_DIGITS, fixed_len)
        and _only(_TYPE, head[6:8])
        and _only(_DIGITS, head[8:bar])
        and int(fixed_len) >= MIN_FIXED
    ):
        return Header(Envelope.FIXED, int(fixed_len), head[8:bar].decode(), bar)
    classic_len = head[2 : 2 + CLASSIC_LENGTH_DIGITS]
    uid = head[2 + CLASSIC_LENGTH_DIGITS : bar]
    if (
        _only(_HEX, classic_len)
        and len(uid) <= MAX_ID_SIZE
        and _only(_DIGITS, uid)
        and int(classic_len, 16) >= bar + _MIN_AFTER_BAR
    ):
        return Header(Envelope.CLASSIC, int(classic_len, 16), uid.decode(), bar)
    return _SKIP


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _DOLLAR:
        i = bytes(buf[: 1 << 12]).find(b"$", 1)  # garbage path only
        return -(i if i > 0 else min(n, 1 << 12))
    if n < len(HEADER):
        return NEED_MORE
    if buf[1] != _DOLLAR:
        return _SKIP
    h = _header(bytes(buf[: FIXED_BAR + 1]))
    if isinstance(h, int):
        return h
    if h.envelope is Envelope.CLASSIC:
        total = h.length + len(TERMINATOR)
        if n >= total and bytes(buf[h.length : total]) != TERMINATOR:
            return _SKIP
        return total
    if bytes(buf[h.length : h.length + len(TERMINATOR)]) == TERMINATOR:
        return h.length + len(TERMINATOR)
    return h.length


def open_frame(frame: bytes) -> Frame:
    """Check a whole frame's envelope, length and checksum; raise the device's error
    otherwise."""
    if frame[: len(HEADER)] != HEADER[: len(frame)]:
        raise FramingError(f"no '$$' header in {frame[:8]!r}")
    h = _header(frame[: FIXED_BAR + 1])
    if h == NEED_MORE:
        raise TruncatedFrame(f"{len(frame)} bytes is no Totem frame")
    if isinstance(h, int):
        raise FramingError(f"bad Totem header {frame[: FIXED_BAR + 1]!r}")
    n, length = len(frame), h.length
    if h.envelope is Envelope.CLASSIC:
        if n < length + len(TERMINATOR):
            raise TruncatedFrame(f"declared {length} bytes and CR LF, have {n}")
        if n > length + len(TERMINATOR) or frame[length:] != TERMINATOR:
            raise InvalidField(f"declared {length} bytes and CR LF, got {n}")
        crc_at = length - CLASSIC_CRC_SIZE
        if not _only(_HEX, frame[crc_at:length]):
            raise InvalidField(f"bad CRC field {frame[crc_at:length]!r}")
        sent, computed = int(frame[crc_at:length], 16), crc16_modbus(frame[:crc_at])
        if sent != computed:
            raise ChecksumError(f"CRC {sent:04X} in frame, {computed:04X} computed")
        body = frame[h.bar + 1 : crc_at]
        if body.endswith(SEPARATOR):  # the documented layout; a compact one has no '|' here
            body = body[:-1]
        return Frame(h.envelope, h.unique_id, body[:2].decode("latin-1"), body)
    if n < length:
        raise TruncatedFrame(f"declared {length} bytes, have {n}")
    if n != length and frame[length:] != TERMINATOR:
        raise InvalidField(f"declared {length} bytes, got {n}")
    sum_at = length - FIXED_CHECKSUM_SIZE
    if not _only(_HEX, frame[sum_at:length]):
        raise InvalidField(f"bad checksum field {frame[sum_at:length]!r}")
    sent, computed = int(frame[sum_at:length], 16), xor8(frame[:sum_at])
    if sent != computed:
        raise ChecksumError(f"checksum {sent:02X} in frame, {computed:02X} computed")
    return Frame(h.envelope, h.unique_id, frame[6:8].decode(), frame[h.bar + 1 : sum_at])


def classic(unique_id: str, body: bytes) -> bytes:
    """A CLASSIC frame around ``body`` (alarm type onwards, without the CRC's '|')."""
    length = len(HEADER) + CLASSIC_LENGTH_DIGITS + len(unique_id) + 1 + len(body) + 1
    length += CLASSIC_CRC_SIZE
    if length > 0xFF:
        raise ValueError(f"a classic frame holds at most 255 bytes, this one {length}")
    signed = b"%s%02X%s|%s|" % (HEADER, length, unique_id.encode(), body)
    return signed + b"%04X" % crc16_modbus(signed) + TERMINATOR
