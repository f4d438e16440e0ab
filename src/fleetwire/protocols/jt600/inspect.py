"""What a JT600 frame means to the gateway: every frame names its unit id (binary: 5 BCD
bytes after `$`; text: the first field). Binary records are not answered (the units send them
without waiting); text position and alarm reports get their acknowledgement (constants.py).
"""

from __future__ import annotations

from fleetwire.errors import FramingError
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import BINARY_START, SHORT_RECORD, TEXT_REPLIES
from .decoding import TEXT_DECODERS
from .framing import open_binary, open_text


def inspect(frame: bytes, session: Session) -> Uplink:
    if not frame:
        raise FramingError("empty frame")
    if frame[0] == BINARY_START:
        env = open_binary(frame)
        records = 1 if env.long else len(env.body) // SHORT_RECORD
        return Uplink(FrameKind.DATA, env.unit_id, records=records)
    t = open_text(frame)
    if t.type in TEXT_DECODERS:
        return Uplink(FrameKind.DATA, t.unit_id, ack=TEXT_REPLIES.get(t.type, b""), records=1)
    if t.type.startswith("S"):
        return Uplink(FrameKind.REPLY, t.unit_id)  # the answer to an (Sxx) command
    return Uplink(FrameKind.HEARTBEAT if t.type == "@JT" else FrameKind.OTHER, t.unit_id)
