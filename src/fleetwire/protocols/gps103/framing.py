"""GPS103 framing: where the next message ends in a TCP stream, and opening one message.

Three message shapes share the stream: the logon `##,imei:<IMEI>,A;`, the bare heartbeat
`<IMEI>;` and reports `imei:<IMEI>,<keyword>,...;`; some units glue a heartbeat to the next
report without its `;` (`<IMEI>imei:<IMEI>,...;`), and one firmware ends its reports, and its
logon `imei:<IMEI>,L,*`, with `*`. A message ends at `;`, `*` (or a line end on some firmware);
CR/LF right after it stay with it. Anything that cannot start one of these is skipped. Knows the
envelope only, never what a keyword means.
"""

from __future__ import annotations

import re
from enum import Enum

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import ALT_END, CR, DATA_PREFIX, LF, LOGON_PREFIX, MAX_FRAME_SIZE, TERMINATORS

_FIRST_LOOK = 256
_END = re.compile(rb"[;\n*]")
_NOT_TEXT = re.compile(rb"[^\x20-\x7e\r\n]")  # a control byte inside a message: not ours
_STARTS = re.compile(rb"##,|imei:|[;\n*]")
_IMEI = re.compile(r"\d{10,17}")
_MAX_IMEI = 17
_ALT_LOGON_FIELDS = 3  # "imei:<IMEI>", "L", "*"


class Shape(Enum):
    LOGON = "logon"
    HEARTBEAT = "heartbeat"
    REPORT = "report"
    HEARTBEAT_REPORT = "heartbeat and report"  # a heartbeat glued to the report after it
    ALT_REPORT = "alternative report"  # decimal degrees, ends '*'


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    head = bytes(buf[:_FIRST_LOOK])
    if head[:1].isdigit():
        return _heartbeat_length(buf, head)
    if not _could_start(head):
        return -_garbage_run(buf)
    m = _END.search(head)
    if m is None and n > _FIRST_LOOK:
        head = bytes(buf[: MAX_FRAME_SIZE + 1])
        m = _END.search(head)
    end = m.start() if m is not None else len(head)
    bad = _NOT_TEXT.search(head, 0, end)
    if bad is not None:
        return -max(bad.start(), 1)
    if m is None:
        return NEED_MORE  # the framer's size cap bounds the wait
    return _with_line_end(buf, end)


def _heartbeat_length(buf: Buffer, head: bytes) -> int:
    digits = len(head) - len(head.lstrip(b"0123456789"))
    if digits > _MAX_IMEI:
        return -digits
    if digits == len(head):
        return NEED_MORE
    if head[digits] in TERMINATORS:
        return _with_line_end(buf, digits)
    rest = head[digits : digits + len(DATA_PREFIX)]
    if DATA_PREFIX.startswith(rest):  # a heartbeat glued to a report: one frame, both answered
        if len(rest) < len(DATA_PREFIX):
            return NEED_MORE
        report = frame_length(buf[digits:])
        if report == NEED_MORE:
            return NEED_MORE
        return digits + report if report > 0 else -digits
    return -digits  # digits glued to something else: not a heartbeat


def _with_line_end(buf: Buffer, end: int) -> int:
    """One past the terminator at ``end``, plus CR/LF that follow it already."""
    stop = end + 1
    while stop < len(buf) and stop - end <= 2 and buf[stop] in (CR, LF):
        stop += 1
    return stop


def _could_start(head: bytes) -> bool:
    """Whether ``head`` begins (or may still begin) one of the three message shapes."""
    if head[:1].isdigit():
        return True
    for prefix in (LOGON_PREFIX, DATA_PREFIX):
        k = min(len(head), len(prefix))
        if head[:k] == prefix[:k]:
            return True
    return False


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
    m = _STARTS.search(data, 1)
    if m is not None:
        return m.end() if data[m.start()] in TERMINATORS else m.start()
    for keep in range(min(len(data) - 1, len(DATA_PREFIX) - 1), 0, -1):
        tail = data[-keep:]  # a start marker cut by the read: keep it for the next one
        if DATA_PREFIX.startswith(tail) or LOGON_PREFIX.startswith(tail):
            return len(data) - keep
    return len(data)


def strip_end(frame: bytes) -> bytes:
    """The message without its terminator and trailing CR/LF (a `*` stays: it marks the
    alternative report); the terminator is required."""
    body = frame.rstrip(b"\r\n")
    if body.endswith(b";"):
        return body[:-1]
    if body.endswith(ALT_END):
        return body
    if b"\n" in frame[len(body) :]:
        return body  # a line end alone terminates on some firmware
    raise TruncatedFrame(f"message of {len(frame)} bytes without its terminator")


def open_message(frame: bytes) -> tuple[Shape, str, list[str]]:
    """Shape, IMEI and fields of a whole message; raises the device's error otherwise."""
    body = strip_end(frame)
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII message") from e
    if ";" in text or "\n" in text or "*" in text[:-1]:
        raise FramingError("two messages in one")
    if text.isdigit():
        return Shape.HEARTBEAT, _imei(text), []
    fields = text.split(",")
    glued = text[: max(text.find(DATA_PREFIX.decode()), 0)]
    if glued.isdigit():
        shape, _, fields = open_message(frame[len(glued) :])
        if shape is not Shape.REPORT:
            raise FramingError(f"a heartbeat glued to a {shape.value}")
        return Shape.HEARTBEAT_REPORT, _imei(glued), fields
    if text.endswith("*"):
        if not text.startswith("imei:"):
            raise FramingError(f"not a GPS103 message: {text[:20]!r}")
        if len(fields) == _ALT_LOGON_FIELDS and fields[1] == "L":
            return Shape.LOGON, _imei(fields[0][5:]), fields
        return Shape.ALT_REPORT, _imei(fields[0][5:]), fields
    if text.startswith("##,"):
        if len(fields) < 2 or not fields[1].startswith("imei:"):
            raise InvalidField(f"bad logon {text[:40]!r}")
        return Shape.LOGON, _imei(fields[1][5:]), fields
    if text.startswith("imei:"):
        return Shape.REPORT, _imei(fields[0][5:]), fields
    raise FramingError(f"not a GPS103 message: {text[:20]!r}")


def _imei(text: str) -> str:
    if _IMEI.fullmatch(text) is None:
        raise InvalidField(f"bad IMEI {text[:20]!r}")
    return text
