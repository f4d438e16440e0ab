"""BOX framing: one comma-separated ASCII line per message (`H,...`, `L,...`, `E,...`), ended by
CR or LF. Opening a line into its letter and fields. Knows nothing about what a field means."""

from __future__ import annotations

from dataclasses import dataclass

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text, closed_length, strip_end

from .constants import ENDS, MAX_FRAME_SIZE, STARTS


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    return closed_length(buf, ENDS, MAX_FRAME_SIZE, starts=STARTS)


@dataclass(slots=True, frozen=True)
class Message:
    kind: str
    fields: tuple[str, ...]  # the comma-separated fields of the first ';' part
    extras: tuple[str, ...]  # the ';'-separated items after it (log lines)


def open_message(frame: bytes) -> Message:
    text = ascii_text(strip_end(frame, b""))
    if not text or text[0].encode() not in STARTS:
        raise FramingError(f"not a BOX message: {text[:20]!r}")
    if not text.isprintable():
        raise InvalidField("control byte inside a message")
    main, *extras = text.split(";")
    kind, *fields = main.split(",")
    return Message(kind, tuple(fields), tuple(extras))
