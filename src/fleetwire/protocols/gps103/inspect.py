"""What a GPS103 message means to the gateway: identity, kind and the exact reply.

Per the vendor "GPRS data protocol": the logon `##,imei:<IMEI>,A;` is answered `LOAD` (without
it the unit keeps retrying and never reports; `imei:<IMEI>,L,*` is the logon of the firmware
that ends its reports with `*`) and the heartbeat `<IMEI>;` is answered `ON`, also when the unit
glued it to a report; reports need no answer. Replies carry no terminator. Knows nothing about
report contents.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import HEARTBEAT_REPLY, LOGON_REPLY
from .framing import Shape, open_message


def inspect(frame: bytes, session: Session) -> Uplink:
    shape, imei, _ = open_message(frame)
    if shape is Shape.LOGON:
        return Uplink(FrameKind.LOGIN, unique_id=imei, ack=LOGON_REPLY)
    if shape is Shape.HEARTBEAT:
        return Uplink(FrameKind.HEARTBEAT, unique_id=imei, ack=HEARTBEAT_REPLY)
    if shape is Shape.HEARTBEAT_REPORT:
        return Uplink(FrameKind.DATA, unique_id=imei, ack=HEARTBEAT_REPLY, records=1)
    return Uplink(FrameKind.DATA, unique_id=imei, records=1)
