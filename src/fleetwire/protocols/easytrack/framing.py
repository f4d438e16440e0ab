"""EasyTrack framing: `*ET,<IMEI>,<type>,<fields...>#`, printable ASCII from `*` to `#`.
Opening a message into identity, type and fields. Knows nothing about what a field means."""

from __future__ import annotations

from dataclasses import dataclass

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text, closed_length, strip_end

from .constants import ENDS, MAX_FRAME_SIZE, PREFIX, STARTS


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    return closed_length(buf, ENDS, MAX_FRAME_SIZE, starts=STARTS)


@dataclass(slots=True, frozen=True)
class Message:
    imei: str
    kind: str
    fields: tuple[str, ...]


def open_message(frame: bytes) -> Message:
    """A whole message, with or without its '#'; raises the device's error otherwise."""
    text = ascii_text(strip_end(frame, ENDS))
    parts = text.split(",")
    if parts[0] != PREFIX:
        raise FramingError(f"not an EasyTrack message: {text[:20]!r}")
    if len(parts) < 3 or not text.isprintable() or "#" in text:
        raise InvalidField(f"message {text[:40]!r}")
    imei = parts[1]
    if not imei.isalnum():
        raise InvalidField(f"identity {imei!r}")
    return Message(imei, parts[2], tuple(parts[3:]))
