"""Shared helpers for text protocols: field parsers (a field that does not parse is the device's
fault, InvalidField, never a ValueError or UnicodeDecodeError escaping a decoder), the length of
a frame closed by one end byte, and detect() by a whole first frame."""

from __future__ import annotations

import re
from collections.abc import Callable

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE, Detection

_COMMA, _ZERO, _NINE, _STAR, _CR, _LF = b",09*\r\n"
FrameLength = Callable[[Buffer], int]


def ascii_text(data: Buffer) -> str:
    try:
        return bytes(data).decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII text in a text message") from e


def integer(text: str, base: int = 10) -> int:
    try:
        return int(text, base)
    except ValueError as e:
        raise InvalidField(f"bad number {text!r}") from e


def finite(text: str) -> float:
    """A float that is a number: NaN and infinities are refused like any other bad field."""
    try:
        value = float(text)
    except ValueError as e:
        raise InvalidField(f"bad number {text!r}") from e
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidField(f"bad number {text!r}")
    return value


def pipe_cell(text: str, attrs: Attributes) -> None:
    """The serving cell as MCC|MNC|LAC(hex)|CI(hex) (Meitrack, Fifotrack); firmware without a
    cell sends empty or zero parts, which set nothing."""
    parts = text.split("|")
    if len(parts) != 4 or not all(parts):
        return
    mcc, mnc = integer(parts[0]), integer(parts[1])
    lac, cid = integer(parts[2], 16), integer(parts[3], 16)
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def length_field(buf: Buffer, at: int, max_digits: int) -> tuple[int, int]:
    """A decimal length field at ``buf[at:]`` ended by a comma (Meitrack, Fifotrack): (value,
    index of the comma). The index is NEED_MORE while the buffer ends inside the field and -1
    when there is no such field here (a non-digit, or more than ``max_digits`` digits); an
    empty field gives the index ``at``, for the caller to refuse."""
    n = len(buf)
    value = 0
    for i in range(at, min(n, at + max_digits + 1)):
        b = buf[i]
        if b == _COMMA:
            return value, i
        if not _ZERO <= b <= _NINE:
            return 0, -1
        value = value * 10 + b - _ZERO
    return (0, NEED_MORE) if n < at + max_digits + 1 else (0, -1)


def checksum_tail_at(buf: Buffer, end: int) -> bool:
    """Whether ``buf[:end]`` ends in "*XX\r\n" (the caller checks the two digits)."""
    return buf[end - 2] == _CR and buf[end - 1] == _LF and buf[end - 5] == _STAR


def strip_end(frame: bytes, ends: bytes) -> bytes:
    """A message without its terminator and any line end after it: decoders take messages
    with or without them (a frame from the framer, a message as a capture quotes it)."""
    return frame.rstrip(b"\r\n").rstrip(ends)


def closed_length(
    buf: Buffer,
    ends: bytes,
    limit: int,
    *,
    starts: bytes = b"",
    restart: bytes = b"",
    line_end: bool = False,
) -> int:
    """Sign-coded length (see base.NEED_MORE) of a printable-ASCII frame that runs through the
    first of the one-byte ``ends`` (a line end, '#', ')'), for text protocols without a length
    field. It opens at ``buf[0]``; with ``starts``, a first byte not among them is garbage up to
    the next one. A control byte or one of ``restart`` (a new frame's start) before the end
    makes what came before it garbage (-i). With ``line_end`` up to two CR/LF after the end are
    the frame's; without, they are left to the framer, which skips them. NEED_MORE while no end
    has come in ``limit`` bytes (the framer's size cap bounds the wait); never copies more."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    window = bytes(buf[: min(n, limit)])
    if starts and window[0] not in starts:
        for i in range(1, len(window)):
            if window[i] in starts:
                return -i
        return -len(window)
    for i in range(1, len(window)):
        b = window[i]
        if b in ends:
            stop = i + 1
            while line_end and stop < n and stop - i <= 2 and buf[stop] in (_CR, _LF):
                stop += 1
            return stop
        if b < 0x20 or b > 0x7E or b in restart:
            return -i
    return NEED_MORE


def detect_whole_line(
    frame_length: FrameLength, head: bytes, whole: re.Pattern[bytes], start: re.Pattern[bytes]
) -> Detection:
    """detect() for a text protocol that claims a connection by its first frame alone: YES
    when ``head`` opens with a whole frame matching ``whole``, MORE while what came so far can
    still become one (``start`` matches it), NO otherwise."""
    n = frame_length(head)
    if 0 < n <= len(head):
        return Detection.YES if whole.fullmatch(head[:n]) else Detection.NO
    if n == 0 and start.fullmatch(head):
        return Detection.MORE
    return Detection.NO


def line_length(buf: Buffer, limit: int) -> int:
    """For protocols of one printable ASCII line per message: the line's length with its end
    (CR LF, a lone LF, or a lone CR once the next byte is known not to be LF), NEED_MORE before
    it, or -i at a control byte (the line so far was garbage; -1 when buf[0] is one)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if not 0x20 <= buf[0] <= 0x7E:
        return -1
    for i in range(1, min(n, limit)):
        b = buf[i]
        if b == _LF:
            return i + 1
        if b == _CR:
            if i + 1 == n:
                return NEED_MORE  # its LF may follow in the next read
            return i + 2 if buf[i + 1] == _LF else i + 1
        if not 0x20 <= b <= 0x7E:
            return -i
    return NEED_MORE  # the framer's size cap bounds the wait
