"""What an IntelliTrac line means to the gateway: a report names its unit; reports are not
answered (the units send them without waiting); `$OK:`/`$ERR:` lines answer commands."""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .decoding import split_report
from .framing import open_line


def inspect(frame: bytes, session: Session) -> Uplink:
    text = open_line(frame)
    report = split_report(text)
    if report is not None:
        return Uplink(FrameKind.DATA, report.unit_id, records=1)
    if text.startswith(("$OK", "$ERR")):
        return Uplink(FrameKind.REPLY)
    return Uplink(FrameKind.OTHER)
