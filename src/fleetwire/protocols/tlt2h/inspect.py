"""What a TLT-2H message means to the gateway: the IMEI of its header line, the number of record
lines. No reply is sent: none is documented and devices send on without one.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .decoding import header
from .framing import open_text


def inspect(frame: bytes, session: Session) -> Uplink:
    lines = open_text(frame)
    imei, _ = header(lines[0])
    return Uplink(FrameKind.DATA, unique_id=imei, records=len(lines) - 1)
