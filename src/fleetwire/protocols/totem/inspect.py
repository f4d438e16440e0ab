"""What a Totem frame means to the gateway: the IMEI it carries, its kind, the reply.

The AVL02 and AVL-08 documents define no reply to a report: CLASSIC frames are not answered.
The AT09 document has a section "Acknowledge Response for Normal Data String (From server to
device)" for FIXED frames whose text could not be read; rather than send bytes no source
gives, FIXED frames are not answered either (see the package report). Checks the envelope,
length and checksum only; no field is parsed here.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_frame


def inspect(frame: bytes, session: Session) -> Uplink:
    f = open_frame(frame)
    return Uplink(FrameKind.DATA, unique_id=f.unique_id, records=1)
