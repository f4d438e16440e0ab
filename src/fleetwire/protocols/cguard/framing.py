"""CGuard framing: one text line per message (`NV:...`, `BC:...`, `IDRO:...`), ended by CR or
LF; a message opens with its upper-case type. Opening a message into its type and fields.
Knows nothing about what a field means."""

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
    kind: str  # NV, BC, IDRO, VERSION, PING ...
    fields: tuple[str, ...]  # the colon-separated fields after the type


def open_message(frame: bytes) -> Message:
    """A whole message, with or without its line end; raises the device's error otherwise."""
    text = ascii_text(strip_end(frame, b""))
    if not text or text[0].encode() not in STARTS:
        raise FramingError(f"not a CGuard message: {text[:20]!r}")
    if not text.isprintable():
        raise InvalidField("control byte inside a message")
    kind, *fields = text.split(":")
    return Message(kind, tuple(fields))
