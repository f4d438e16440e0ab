"""What a MiniFinder text message means to the gateway: the login `!1,<imei>` names the device,
every other message belongs to the connection's device. The protocol has no acknowledgements:
the sources show the server answering nothing. A binary (minifinder2) frame is inspected by
minifinder2's rules, its exact reply included, and marks the connection binary so that
commands to it are encoded as minifinder2 commands.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink
from fleetwire.protocols.minifinder2 import inspect as binary

from .constants import (
    ALARM_POSITION,
    BINARY_SESSION,
    LOGIN,
    PHONES,
    POSITION,
    POSITION_C,
    RESULT,
    STATUS,
)
from .framing import is_binary, open_message

_IMEI: Final = re.compile(r"\d{10,17}")
_KINDS: Final = {
    POSITION: FrameKind.DATA, POSITION_C: FrameKind.DATA, ALARM_POSITION: FrameKind.DATA,
    STATUS: FrameKind.HEARTBEAT, RESULT: FrameKind.REPLY, PHONES: FrameKind.REPLY,
}  # fmt: skip


def inspect(frame: bytes, session: Session) -> Uplink:
    if is_binary(frame):
        up = binary.inspect(frame, session)
        session.state[BINARY_SESSION] = True
        return up
    kind, fields = open_message(frame)
    if kind == LOGIN:
        if not fields or _IMEI.fullmatch(fields[0]) is None:
            raise InvalidField(f"bad login IMEI {(fields or [''])[0][:20]!r}")
        return Uplink(FrameKind.LOGIN, unique_id=fields[0])
    found = _KINDS.get(kind, FrameKind.OTHER)
    return Uplink(found, records=1 if found == FrameKind.DATA else 0)
