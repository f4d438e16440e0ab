"""What a GoSafe message means to the gateway: identity, kind, record count, the reply.

Every message carries the IMEI, so identity needs no login. No reply is sent: no source for an
acknowledgement was found (the vendor document is not available; see constants.py), and the
captured sessions show devices streaming reports without one. Knows nothing about block
contents.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import RECORD_SEP
from .framing import Shape, open_message

_KINDS: dict[Shape, FrameKind] = {
    Shape.HEARTBEAT: FrameKind.HEARTBEAT,
    Shape.RECORDS: FrameKind.DATA,
    Shape.LEGACY: FrameKind.DATA,
    Shape.ANSWER: FrameKind.REPLY,
}


def inspect(frame: bytes, session: Session) -> Uplink:
    m = open_message(frame)
    if m.shape is Shape.RECORDS:
        records = m.body.count(RECORD_SEP) + 1
    else:
        records = 1 if m.shape is Shape.LEGACY else 0
    return Uplink(_KINDS[m.shape], unique_id=m.imei, records=records)
