"""TRV framing: a message is `TRV...#` or `IW...#` (printable text), CR/LF after the `#` kept
with it; anything else is skipped up to the next `T` or `I`. Owns opening a message into its
prefix, kind, type and content; knows nothing about what a type means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import closed_length
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import ANSWER_KIND, END, MAX_FRAME_SIZE, PREFIXES

_STARTS = bytes(sorted({p.encode()[0] for p in PREFIXES}))
_HEADS = tuple(p.encode() for p in PREFIXES)


class Message(NamedTuple):
    prefix: str  # "TRV" or "IW"
    kind: str  # "AP", "YP", "CP"
    type: str  # "00", "01", "HT", "XL" ...
    content: str  # everything after the type, without the "#"

    @property
    def fields(self) -> list[str]:
        return self.content[1:].split(",") if self.content.startswith(",") else [self.content]


def _garbage(buf: Buffer, n: int) -> int:
    return -garbage_before(buf[:n], _STARTS)


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] not in _STARTS:
        return _garbage(buf, n)
    head = bytes(buf[:3])
    if not any(h.startswith(head[: len(h)]) or head.startswith(h) for h in _HEADS):
        return _garbage(buf, n)
    return closed_length(buf, bytes((END,)), MAX_FRAME_SIZE, line_end=True)


def open_message(frame: bytes) -> Message:
    """The framer hands on messages with their `#`; a message given without it (a log line,
    `fleetwire decode`) opens the same: a message cut short fails on its fields instead."""
    body = frame.rstrip(b"\r\n").removesuffix(b"#")
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII message") from e
    if "#" in text:
        raise InvalidField("two messages in one")
    prefix = next((p for p in PREFIXES if text.startswith(p)), None)
    if prefix is None:
        raise FramingError(f"not a TRV message: {text[:12]!r}")
    rest = text[len(prefix) :]
    if len(rest) < 4 or rest[:2] not in ANSWER_KIND:
        raise InvalidField(f"bad message head {text[:12]!r}")
    return Message(prefix, rest[:2], rest[2:4], rest[4:])
