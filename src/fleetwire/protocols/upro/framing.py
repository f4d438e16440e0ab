"""UPRO framing: where the next message ends in a TCP stream, and its header and blocks.

A message runs from `*` to `#`; its blocks may hold binary bytes (the `Q` and `U` blocks of MG
devices), so only the header is checked for text: two maker letters and digits. A `#` inside a
binary block would end the message early: no capture shows one, and the rest is then skipped to
the next `*` as garbage. Knows the envelope only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import BLOCK, END, HEADER_DIGITS, MAX_FRAME_SIZE, START

_HEAD = re.compile(rb"\*[A-Z]{2}\d{3}(\d+),([A-Z0-9]+)")


@dataclass(slots=True, frozen=True)
class Message:
    maker: str
    unique_id: str
    type: str
    blocks: dict[str, bytes]  # key letter -> value (the first of each key)


def _head_ok(buf: Buffer) -> bool:
    """Two capital letters and three digits after the `*`, as far as received."""
    for i in range(1, min(len(buf), 3 + HEADER_DIGITS)):
        c = buf[i]
        if not (0x41 <= c <= 0x5A if i < 3 else 0x30 <= c <= 0x39):
            return False
    return True


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] != START:
        return -garbage_before(buf[:MAX_FRAME_SIZE], b"*")
    if not _head_ok(buf):
        return -1
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    end = head.find(bytes((END,)))
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    return end + 1


def open_message(frame: bytes) -> Message:
    """Header and blocks of one message; the trailing `#` may be missing (a message handed
    over alone: the reference's decoder tests hold them so)."""
    body = frame[:-1] if frame.endswith(b"#") else frame
    m = _HEAD.match(body)
    if m is None:
        raise FramingError(f"not a UPRO message: {frame[:24]!r}")
    if b"#" in body or b"*" in body[1 : m.end()]:
        raise FramingError("two messages in one")
    blocks: dict[str, bytes] = {}
    rest = body[m.end() :]
    if rest and not rest.startswith(b"&"):
        raise InvalidField(f"bad block start {rest[:8]!r}")
    for part in rest.split(BLOCK.encode())[1:]:
        if part and chr(part[0]).isalpha():
            blocks.setdefault(chr(part[0]), part[1:])
    raw = body[: m.end()].decode("ascii")
    return Message(raw[1:3], m.group(1).decode(), m.group(2).decode(), blocks)
