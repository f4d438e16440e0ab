"""GoSafe framing: where the next message ends in a TCP stream, and opening one message.

Every message is printable ASCII from `*GS` to `#`: `*GS<vv>,<IMEI>#` (heartbeat),
`*GS<vv>,<IMEI>,<record>[$<record>...]#` (data) or `*GS<vv>,<IMEI>,<answer>#` (a command
answer, e.g. `RST`). Anything that cannot start a message is skipped up to the next `*`; a new
`*GS` before the `#` means the message in front of it was cut, and is skipped too. The binary
form (0xF8-delimited) has no source document here and is skipped as garbage. Knows the
envelope only, never what a block means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import END, MAX_FRAME_SIZE, START

_NOT_TEXT = re.compile(rb"[^\x20-\x7e]")
_HEADER = re.compile(r"\*GS([0-9A-Z]{2}),(\d{10,17})(?:,(.*))?", re.DOTALL)
_RECORD_TIME = re.compile(r"\d{12}")
_TAG = re.compile(r"[A-Z]{3}:")


class Shape(Enum):
    HEARTBEAT = "heartbeat"  # identity only
    RECORDS = "records"  # records that each open with their time (GS06, GS16, GS26, GS56 ...)
    LEGACY = "legacy"  # one record of tagged blocks, the time inside GPS: (GS02)
    ANSWER = "answer"  # anything else after the IMEI: a command answer such as RST


@dataclass(slots=True, frozen=True)
class Message:
    shape: Shape
    version: str
    imei: str
    body: str  # everything after "<IMEI>," without the '#'; empty for a heartbeat


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    k = min(n, len(START))
    if bytes(buf[:k]) != START[:k]:
        return -_garbage_run(buf)
    if n <= len(START):
        return NEED_MORE
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    end = head.find(END)
    stop = end if end >= 0 else len(head)
    bad = _NOT_TEXT.search(head, 0, stop)
    if bad is not None:
        return -bad.start()  # > 0: the start marker itself is text
    restart = head.find(START, 1, stop)
    if restart >= 0:
        return -restart  # a message cut before its '#': resync at the next start
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    return end + 1


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
    star = data.find(START[:1], 1)
    return star if star > 0 else len(data)


def open_message(frame: bytes) -> Message:
    """The parts of one whole message; raises the device's error otherwise."""
    if not frame.startswith(START):
        raise FramingError(f"not a GoSafe message: {frame[:16]!r}")
    if not frame.endswith(b"#"):
        raise TruncatedFrame(f"message of {len(frame)} bytes without its '#'")
    if _NOT_TEXT.search(frame) is not None:
        raise InvalidField("control or non-ASCII byte in a text message")
    text = frame[:-1].decode("ascii")
    if "#" in text:
        raise FramingError("two messages in one")
    m = _HEADER.fullmatch(text)
    if m is None:
        raise InvalidField(f"bad GoSafe header {text[:40]!r}")
    version, imei, body = m.group(1), m.group(2), m.group(3)
    return Message(_shape(body), version, imei, body or "")


def _shape(body: str | None) -> Shape:
    if not body:
        return Shape.HEARTBEAT
    if _RECORD_TIME.match(body) and body[12:13] == ",":
        return Shape.RECORDS
    if _TAG.match(body):
        return Shape.LEGACY
    return Shape.ANSWER
