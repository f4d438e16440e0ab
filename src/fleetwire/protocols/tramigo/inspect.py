"""What a Tramigo frame means to the gateway: the unit and the kind; no reply.

The unit is the 0x80 header's u32 id (written in decimal, as the unit's configuration names
it); a 0x04 binary frame names the unit by its IMEI (binary.unit_id). No acknowledgement is
documented or seen in captures. Knows nothing about report texts.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .binary import unit_id
from .constants import END_TEXT, TEXT
from .framing import open_frame


def inspect(frame: bytes, session: Session) -> Uplink:
    f = open_frame(frame)
    if f.kind != TEXT:
        return Uplink(FrameKind.DATA, unique_id=unit_id(frame))
    text = f.body.decode("latin-1")
    kind = FrameKind.HEARTBEAT if text.strip() == f"ping {END_TEXT}" else FrameKind.DATA
    return Uplink(kind, unique_id=str(f.unit), records=int(kind == FrameKind.DATA))
