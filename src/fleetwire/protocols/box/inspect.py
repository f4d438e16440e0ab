"""What a BOX line means to the gateway: the header `H` names the tracker (its serial number)
and needs no answer (vendor document, 2.1); log lines `L` are data; `E,<n>` closes an upload
and is acknowledged `A,<n>` so that the tracker may delete what it sent."""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ACK, END, HEADER, LOG
from .framing import open_message


def inspect(frame: bytes, session: Session) -> Uplink:
    m = open_message(frame)
    if m.kind == HEADER:
        serial = m.fields[1] if len(m.fields) >= 4 else ""
        if not serial.isalnum():
            raise InvalidField(f"header serial {serial!r}")
        return Uplink(FrameKind.LOGIN, unique_id=serial)
    if m.kind == LOG:
        return Uplink(FrameKind.DATA, records=1)
    if m.kind == END:
        n = m.fields[0] if len(m.fields) == 1 else ""
        if not n.isdigit():
            raise InvalidField(f"end of upload {n!r}")
        return Uplink(FrameKind.HEARTBEAT, ack=ACK.format(n).encode("ascii"))
    return Uplink(FrameKind.OTHER)
