"""What a VT200 frame means to the gateway: every frame carries the unit id; none is answered
(no answer from a server appears in the captures, and the units keep reporting without one)."""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .decoding import DECODERS
from .framing import open_frame


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    if env.type in DECODERS:
        return Uplink(FrameKind.DATA, env.unit_id, records=1)
    return Uplink(FrameKind.OTHER, env.unit_id)
