"""What an EasyTrack message means to the gateway: every message carries the IMEI; DW and HB
are positions, JZ a cell report. No reply is documented or seen in the captures."""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import CELLS, POSITIONS
from .framing import open_message


def inspect(frame: bytes, session: Session) -> Uplink:
    m = open_message(frame)
    if m.kind in POSITIONS or m.kind == CELLS:
        return Uplink(FrameKind.DATA, unique_id=m.imei, records=1)
    return Uplink(FrameKind.OTHER, unique_id=m.imei)
