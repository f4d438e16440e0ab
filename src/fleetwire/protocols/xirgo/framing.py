"""Xirgo framing: where the next `$$...##` message ends in a TCP stream, and opening one.

Every device message is printable ASCII `$$<UID>,<EV#>,...##` (UDP: one per datagram). A
message ends at the first `##`; CR/LF between messages are left to the shared framer, which
skips them. A `$$` before the `##` means the earlier message was cut off: resync there.
Knows the envelope only, never what a field means.
"""

from __future__ import annotations

import re

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import END, MAX_FRAME_SIZE, START

_NOT_TEXT = re.compile(rb"[^\x20-\x7e]")
_UID = re.compile(r"[0-9A-Za-z]{6,20}")  # IMEI, or the 9-digit ids of newer units
_DOLLAR = 0x24


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] != _DOLLAR:
        return -_garbage_run(buf)
    if n == 1:
        return NEED_MORE
    if buf[1] != _DOLLAR:
        return -1
    head = bytes(buf[: MAX_FRAME_SIZE + 2])
    end = head.find(END, 2)
    limit = end if end >= 0 else len(head)
    restart = head.find(START, 1, limit)
    bad = _NOT_TEXT.search(head, 2, limit)
    cut = min(x for x in (restart, bad.start() if bad else -1, limit) if x >= 0)
    if cut < limit:
        return -cut  # cut >= 1: a new start or a byte no message holds
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    return end + len(END)


def _garbage_run(buf: Buffer) -> int:
    data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
    i = data.find(b"$", 1)
    return i if i > 0 else len(data)


def open_message(frame: bytes) -> tuple[str, list[str]]:
    """The UID and the fields (UID first) of one whole message; the device's error otherwise."""
    if not frame.startswith(START):
        raise FramingError(f"not a Xirgo message: {frame[:12]!r}")
    if not frame.endswith(END) or len(frame) < 4:
        raise TruncatedFrame(f"message of {len(frame)} bytes without its '##'")
    body = frame[2:-2]
    if _NOT_TEXT.search(body) or START in body or END in body:
        raise FramingError("not one printable message")
    fields = body.decode("ascii").split(",")
    if _UID.fullmatch(fields[0]) is None:
        raise InvalidField(f"bad unit id {fields[0][:24]!r}")
    return fields[0], fields
