"""What an iVT401 report means to the gateway: every report carries the IMEI; nothing is
answered (the captures show no server reply, and no document says one is wanted)."""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import TYPES
from .framing import open_report

_IMEI: Final = re.compile(r"\d{15}")


def inspect(frame: bytes, session: Session) -> Uplink:
    f = open_report(frame)
    if len(f) < 2 or _IMEI.fullmatch(f[1]) is None:
        raise InvalidField(f"report without an IMEI: {f[:2]!r}")
    data = f[0] in TYPES
    return Uplink(FrameKind.DATA if data else FrameKind.OTHER, f[1], records=int(data))
