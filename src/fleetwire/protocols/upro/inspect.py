"""What a UPRO message means to the gateway: the device id of its header. No reply is sent:
none is documented or seen in captures.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_message

_HEARTBEATS = frozenset({"AH"})  # the captured keep-alive: battery and signal only


def inspect(frame: bytes, session: Session) -> Uplink:
    msg = open_message(frame)
    if msg.type in _HEARTBEATS:
        return Uplink(FrameKind.HEARTBEAT, unique_id=msg.unique_id, records=int(bool(msg.blocks)))
    return Uplink(FrameKind.DATA, unique_id=msg.unique_id, records=1)
