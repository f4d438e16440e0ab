"""What a Startek frame means to the gateway: the IMEI every frame carries and its kind.

Checks the envelope (markers, length, checksum, IMEI). The protocol defines no answer to a
position or to a command's answer, so there is never an ack. No field is parsed here.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import POSITION_COMMANDS
from .framing import open_frame


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    kind = FrameKind.DATA if env.command in POSITION_COMMANDS else FrameKind.REPLY
    return Uplink(kind=kind, unique_id=env.imei, records=1)
