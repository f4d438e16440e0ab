"""What a Mictrack line means to the gateway: standard and low-altitude reports carry the IMEI;
a command result may. Nothing is answered: the vendor documents say reports go "without ACK".
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .messages import Kind, open_line


def inspect(frame: bytes, session: Session) -> Uplink:
    line = open_line(frame)
    if line.kind == Kind.RESULT:
        return Uplink(FrameKind.REPLY, unique_id=line.unique_id)
    records = len(line.body) if line.kind == Kind.LOW_ALTITUDE else 1
    return Uplink(FrameKind.DATA, unique_id=line.unique_id, records=records)
