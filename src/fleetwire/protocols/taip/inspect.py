"""What a TAIP sentence means to the gateway: the unit, the kind and the reply.

The unit is `;ID=` (a 4-character vehicle ID on Trimble receivers, the IMEI on Syrus). A report
carrying a message number (`;#0021`) waits for `>ACK;#0021;ID=<unit>;*XX<` (Rinho's
documentation: without it the unit keeps the report in its black box and sends it again); one
without a number is not acknowledged. Knows nothing about report contents.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import REPORT
from .layouts import LAYOUTS
from .sentence import acknowledgement, parse


def inspect(frame: bytes, session: Session) -> Uplink:
    s = parse(frame)
    data = s.qualifier == REPORT and s.message in LAYOUTS
    kind = FrameKind.DATA if data else FrameKind.OTHER
    ack = acknowledgement(s.number, s.unit) if s.number and s.unit else b""
    return Uplink(kind, unique_id=s.unit, ack=ack, records=int(data))
