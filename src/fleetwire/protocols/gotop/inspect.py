"""What a GoTop message means to the gateway: every message starts with the IMEI; nothing is
answered (the captures show no server reply)."""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import KEEPALIVE
from .framing import open_message

_IMEI: Final = re.compile(r"\d{15}")


def inspect(frame: bytes, session: Session) -> Uplink:
    f = open_message(frame)
    if _IMEI.fullmatch(f[0]) is None or len(f) < 2:
        raise InvalidField(f"message without an IMEI: {f[0][:20]!r}")
    if f[1] == KEEPALIVE:
        return Uplink(FrameKind.HEARTBEAT, f[0])
    return Uplink(FrameKind.DATA, f[0], records=1)
