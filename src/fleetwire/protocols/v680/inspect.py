"""What a V680 report means to the gateway: the IMEI leads every report; one with fixes is
data. No reply is documented or seen in the public captures, so none is sent."""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_report


def inspect(frame: bytes, session: Session) -> Uplink:
    report = open_report(frame)
    if not report.imei:
        raise InvalidField("report without its IMEI")
    if report.fixes:
        return Uplink(FrameKind.DATA, unique_id=report.imei, records=len(report.fixes))
    return Uplink(FrameKind.OTHER, unique_id=report.imei)
