"""The Xexun envelope: where a message ends in a stream, and the checks of a whole one.

A basic message starts at "GPRMC,"/"GNRMC," and ends at the comma after the IMEI. A full message
starts at its serial number (or a comma when it has none) and ends with the first CR or LF after
its tail: that one byte belongs to it (its length and CRC do not cover the cell fields, so the
line end is what shows a full message was not cut), and a second line-end byte is garbage. When a
serial-started message turns out to have no tail, its serial and phone are skipped as garbage and
it is framed from its "GPRMC" on. Knows the envelope and the checksums, not what the fields mean.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc16_xmodem
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    FULL_TAIL_FIELDS,
    IMEI_MAX,
    IMEI_MIN,
    IMEI_TAG,
    MAX_FRAME_SIZE,
    RMC_HEADS,
    SERIAL_MAX,
)

_G = 0x47
_COMMA = 0x2C
_CR = 0x0D
_LF = 0x0A
_START_BYTES = b"0123456789,G"  # what a frame may start with
_STARTS = frozenset(_START_BYTES)
_DIGITS = frozenset(b"0123456789")
_HEX = frozenset(b"0123456789ABCDEFabcdef")
_TAIL_DIGITS = 2  # satellites: at most two digits before the tail's first comma


def _imei_end(buf: bytes, start: int) -> int:
    """Index after the comma that closes "imei:<digits>", NEED_MORE, or -1 (no valid IMEI)."""
    tag = buf.find(IMEI_TAG, start)
    if tag < 0:
        return NEED_MORE if len(buf) < MAX_FRAME_SIZE else -1
    i = tag + len(IMEI_TAG)
    j = i
    while j < len(buf) and buf[j] in _DIGITS and j - i <= IMEI_MAX:
        j += 1
    if j == len(buf):
        return NEED_MORE if j - i <= IMEI_MAX else -1
    if buf[j] != _COMMA or not IMEI_MIN <= j - i <= IMEI_MAX:
        return -1
    return j + 1


def _rmc_head(buf: bytes) -> int:
    """NEED_MORE while ``buf`` may still become an RMC head, 1 when it is one, else -1."""
    head = buf[:6]
    if len(head) < 6:
        return NEED_MORE if any(h.startswith(head) for h in RMC_HEADS) else -1
    return 1 if head in RMC_HEADS else -1


def _serial(buf: bytes) -> int:
    """1 for a valid "<digits>," or "," start, NEED_MORE, or -1."""
    i = 0
    while i < len(buf) and buf[i] in _DIGITS:
        i += 1
    if i == len(buf):
        return NEED_MORE if i <= SERIAL_MAX else -1
    return 1 if buf[i] == _COMMA and i <= SERIAL_MAX else -1


def _tail(rest: bytes) -> int:
    """After the IMEI of a serial-started message: 1 full tail, 0 cannot tell, -1 none."""
    for b in rest[: _TAIL_DIGITS + 1]:
        if b == _COMMA:
            return 1
        if b not in _DIGITS:
            return -1
    return 0 if len(rest) <= _TAIL_DIGITS else -1


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    data = bytes(buf[:MAX_FRAME_SIZE])
    if not data:
        return NEED_MORE
    if data[0] not in _STARTS:
        return -garbage_before(data, _START_BYTES)
    if data[0] == _G:
        head = _rmc_head(data)
        return head if head <= 0 else _imei_end(data, 0)
    serial = _serial(data)
    if serial <= 0:
        return serial
    end = _imei_end(data, 0)
    if end <= 0:
        return end
    tail = _tail(data[end:])
    if tail == 0:
        return NEED_MORE
    if tail < 0:  # a basic message behind a serial and phone: skip those
        rmc = min((i for i in (data.find(h, 0, end) for h in RMC_HEADS) if i > 0), default=-1)
        return -rmc if rmc > 0 else -1
    for i in range(end, len(data)):
        if data[i] in (_CR, _LF):
            # the frame keeps one line end; the LF of a CR LF is skipped by the framer as
            # whitespace between frames (not counted as garbage)
            return i + 1
    return NEED_MORE if len(data) < MAX_FRAME_SIZE else -1


class Envelope(NamedTuple):
    """A checked message: its layout, identity, and where its parts lie."""

    full: bool
    imei: str
    rmc: str  # the sentence from "GPRMC" up to its '*', or "" (full layout without a fix)
    status: str  # "<F|L>,<alarm text>," between the sentence and "imei:"
    tail: list[str]  # full layout: the fields after the IMEI


def _nmea(frame: bytes, start: int, before: int) -> tuple[str, int]:
    """The sentence at ``start`` and the index after its "*CS,".

    The sentence's checksum is the GPS module's, and Xexun firmware rewrites the sentence
    after it (zero-filled coordinates without a fix, its own date, coordinates without leading
    zeros): in 9 of 33 real messages operators published the digits do not match. So it is not
    enforced; the full layout's CRC, which the tracker itself computes, is."""
    star = frame.find(b"*", start, before)
    if star < 0 or star + 3 > before:
        raise InvalidField("RMC sentence without its *checksum")
    digits = frame[star + 1 : star + 3]
    if not (digits[0] in _HEX and digits[1] in _HEX):
        raise InvalidField(f"bad NMEA checksum digits {digits!r}")
    return _ascii(frame[start:star]), star + 3


def sentence_checksum_matches(frame: bytes) -> bool:
    """Whether the RMC sentence's own "*CS" matches it (a message without a sentence has none
    to break): not required of a message (see _nmea), but the shared auto port claims a
    connection only on a first message that has it right."""
    start = max(frame.find(b"GPRMC,"), frame.find(b"GNRMC,"))
    if start < 0:
        return True
    star = frame.find(b"*", start)
    if star < 0 or star + 3 > len(frame):
        return False
    actual = 0
    for b in frame[start:star]:
        actual ^= b
    digits = frame[star + 1 : star + 3]
    return all(d in _HEX for d in digits) and actual == int(digits, 16)


def _ascii(raw: bytes) -> str:
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII text") from e


def _check_full(frame: bytes, tail_start: int, tail: list[str]) -> None:
    """<length> counts the bytes before it; <crc> covers them and "<length>," (XMODEM).

    The CRC, when the firmware fills it, is enforced. The length is read but a mismatch is not
    refused: the line end already shows a message was not cut (the length does not cover the
    cell fields either), and messages whose count is off (a phone number shortened in the
    published captures, one byte off on other firmware) would otherwise be refused forever."""
    length, crc = tail[4], tail[5]
    length_at = tail_start + sum(len(f) + 1 for f in tail[:4])
    if not length.isdigit():
        raise InvalidField(f"bad length field {length!r}")
    if crc:  # some firmware leaves it empty
        if not crc.isdigit() or int(crc) > 0xFFFF:
            raise InvalidField(f"bad CRC field {crc!r}")
        actual = crc16_xmodem(frame[: length_at + len(length) + 1])
        if actual != int(crc):
            raise ChecksumError(f"CRC {crc} in message, {actual} computed")


def open_frame(frame: bytes) -> Envelope:
    """Check a whole message (layout, IMEI, full-layout length and CRC)."""
    n = len(frame)
    if n > MAX_FRAME_SIZE:
        raise FramingError(f"{n} bytes exceeds {MAX_FRAME_SIZE}")
    if not frame or frame[0] not in _STARTS:
        raise FramingError(f"bad message start {frame[:1]!r}")
    full = frame[0] != _G
    if (_serial(frame) if full else _rmc_head(frame)) <= 0:
        raise TruncatedFrame("message cut in its head") if n < 6 else FramingError("bad head")
    tag = frame.find(IMEI_TAG)
    end = _imei_end(frame, 0) if tag >= 0 else NEED_MORE
    if end == NEED_MORE:
        raise TruncatedFrame("message without a complete imei:<digits>,")
    if end < 0:
        raise InvalidField("bad IMEI")
    imei = _ascii(frame[tag + len(IMEI_TAG) : end - 1])
    rmc_at = min((i for i in (frame.find(h, 0, tag) for h in RMC_HEADS) if i >= 0), default=-1)
    rmc, status_at = "", tag  # no sentence: no fix, and no alarm text worth reading
    if rmc_at >= 0:
        rmc, status_at = _nmea(frame, rmc_at, tag)
        status_at += 1  # the comma after "*CS"
    status = _ascii(frame[status_at:tag])
    if not full:
        if end != n:
            raise FramingError("basic message continues after its IMEI")
        return Envelope(False, imei, rmc, status, [])
    if frame[-1] not in (_CR, _LF):
        raise TruncatedFrame("full message without its line end")
    tail = _ascii(frame[end:-1]).split(",")
    if len(tail) < FULL_TAIL_FIELDS:
        raise TruncatedFrame(f"full message with {len(tail)} fields after its IMEI")
    _check_full(frame, end, tail)
    return Envelope(True, imei, rmc, status, tail)
