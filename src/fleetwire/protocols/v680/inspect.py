"""What a V680 report means to the gateway: the IMEI leads every report; one with fixes is
data. The part of a report after `#<IMEI>##` (a device or an upstream splitter that cut it
there) carries no IMEI and is the connection's. No reply is documented or seen in the public
captures, so none is sent."""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_report


def inspect(frame: bytes, session: Session) -> Uplink:
    report = open_report(frame)
    uid = report.imei or None
    if report.fixes:
        return Uplink(FrameKind.DATA, unique_id=uid, records=len(report.fixes))
    return Uplink(FrameKind.OTHER, unique_id=uid)
