"""What a WondeX frame means to the gateway: the unit, the kind and the reply.

Reports name the unit in their first field; the heartbeat carries it as u32 little-endian in
its last four bytes and is answered with itself (the unit checks its link by the echo);
command answers (`$OK:`/`$ERR:`) name no unit and count for the connection's. Reports are not
acknowledged. Knows nothing about report contents.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import HEARTBEAT
from .framing import heartbeat_unit, open_line

_UNIT = re.compile(r"\d{1,20}")


def inspect(frame: bytes, session: Session) -> Uplink:
    if frame[:1] == bytes((HEARTBEAT,)):
        return Uplink(FrameKind.HEARTBEAT, unique_id=heartbeat_unit(frame), ack=frame)
    line = open_line(frame)
    if line.startswith("$"):
        return Uplink(FrameKind.REPLY)
    unit = line.split(",", 1)[0]
    if _UNIT.fullmatch(unit) is None:
        raise InvalidField(f"bad WondeX unit id {unit[:24]!r}")
    return Uplink(FrameKind.DATA, unique_id=unit, records=1)
