"""What an AIS-140 packet means to the gateway: its IMEI (every packet of the standard carries
it) and kind. Nothing is answered: AIS-140 asks no acknowledgement of tracking, emergency or
health packets, and no public document of a login reply could be found (traccar issue #4647
cites one vendor's document that wants LGN/HBT replies; their bytes are not public). Vendors'
checksums differ (XOR over differing ranges, CRC-32, one binary byte; captures match no one
rule), so none is verified: a refused frame would be resent forever.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .layout import Kind, open_message

_KINDS = {
    Kind.LOGIN: (FrameKind.LOGIN, 0),
    Kind.TRACKING: (FrameKind.DATA, 1),
    Kind.EMERGENCY: (FrameKind.DATA, 1),
    Kind.HEALTH: (FrameKind.HEARTBEAT, 0),
    Kind.OTHER: (FrameKind.OTHER, 0),
}


def inspect(frame: bytes, session: Session) -> Uplink:
    m = open_message(frame)
    kind, records = _KINDS[m.kind]
    return Uplink(kind, unique_id=m.imei, records=records)
