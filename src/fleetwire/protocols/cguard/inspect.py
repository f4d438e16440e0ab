"""What a CGuard message means to the gateway: `ID...:<IMEI>` identifies the connection; `NV`
positions and `BC` status lines are data; `PING` keeps it alive. No reply is documented or
seen in the public captures, so none is sent."""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import LOGIN_PREFIX, PING, POSITION, STATUS
from .framing import open_message


def inspect(frame: bytes, session: Session) -> Uplink:
    m = open_message(frame)
    if m.kind.startswith(LOGIN_PREFIX) and m.kind.isalpha():
        uid = m.fields[0] if len(m.fields) == 1 else ""
        if not uid.isalnum():
            raise InvalidField(f"identity {uid!r}")
        return Uplink(FrameKind.LOGIN, unique_id=uid)
    if m.kind in (POSITION, STATUS):
        return Uplink(FrameKind.DATA, records=1)
    if m.kind == PING:
        return Uplink(FrameKind.HEARTBEAT)
    return Uplink(FrameKind.OTHER)
