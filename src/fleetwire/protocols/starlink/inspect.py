"""What a StarLink report means to the gateway: the unit id after `$SLU`, the checksum
checked. No reply is sent: none is documented or seen in captures.
"""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import START
from .framing import open_report


def inspect(frame: bytes, session: Session) -> Uplink:
    fields = open_report(frame)
    unit = fields[0][len(START) :]
    if not unit.isalnum():
        raise InvalidField(f"bad unit id {unit!r}")
    return Uplink(FrameKind.DATA, unique_id=unit, records=1)
