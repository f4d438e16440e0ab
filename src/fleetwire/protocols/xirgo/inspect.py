"""What a Xirgo message means to the gateway: the unit id it carries and the reply.

The documents define no server reply to `$$` reports (the optional trailing <SEQ> is a counter
for the server's own bookkeeping, not something the unit waits to see echoed); none is sent.
Knows nothing about field layouts (decoding.py).
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_message


def inspect(frame: bytes, session: Session) -> Uplink:
    uid, _ = open_message(frame)
    return Uplink(FrameKind.DATA, unique_id=uid, records=1)
