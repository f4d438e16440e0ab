"""What a Xexun message means to the gateway: its IMEI, after the envelope checks (the full
layout's length and CRC). Xexun devices wait for no answer, so there is never an
ack; every message carries one report.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_frame


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    return Uplink(FrameKind.DATA, env.imei, records=1)
