"""What a Cellocator message means to the gateway, from its envelope only.

Checks system code, size and checksum; every message carries the unit id, so every message
identifies the unit. Status/location (Type 0) and modular (Type 11) messages get the server's
acknowledge (inbound Type 4), which echoes the unit id and the message numerator: without it
the unit keeps the message and sends it again. No field of the body is parsed here.
"""

from __future__ import annotations

import struct
from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ACK_SPARE, InboundType, MessageType
from .framing import build, open_frame

# type, unit id, command numerator, authentication code, action code, acknowledged numerator
_ACK_HEAD: Final = struct.Struct("<BIBIBB")
_SPARE: Final = bytes(ACK_SPARE)
# The command numerator of an acknowledge is the server's own counter; the unit matches an
# acknowledge on the message numerator, so a constant 0 keeps the reply a pure function of
# the frame (the gateway may resend it, and the simulator predicts it).
COMMAND_NUMERATOR: Final = 0
_AUTHENTICATION: Final = 0  # no authentication code configured
_ACTION: Final = 0  # plain acknowledge, no further action asked of the unit
_ACKNOWLEDGED: Final = frozenset({MessageType.STATUS, MessageType.MODULAR_EXTENDED})


def acknowledge(unit_id: int, message_numerator: int, command_numerator: int = 0) -> bytes:
    """The 28-byte inbound Type 4 acknowledge of one message."""
    head = _ACK_HEAD.pack(
        InboundType.ACKNOWLEDGE, unit_id, command_numerator, _AUTHENTICATION, _ACTION,
        message_numerator,
    )  # fmt: skip
    return build(head + _SPARE)


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    unique_id = str(env.unit_id)
    if env.type in _ACKNOWLEDGED:
        ack = acknowledge(env.unit_id, env.numerator, COMMAND_NUMERATOR)
        return Uplink(FrameKind.DATA, unique_id=unique_id, ack=ack, records=1)
    return Uplink(FrameKind.OTHER, unique_id=unique_id)
