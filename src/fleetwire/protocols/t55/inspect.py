"""What a T55 line means to the gateway: an identification line names the device (LOGIN); a
sentence with an id before or after it names it too. Nothing is answered: the captures show
no server reply. NMEA checksums are not verified: real captures the reference server accepts
carry sentences whose `*XX` does not match (a refused line would be resent forever).
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .decoding import SENTENCES
from .lines import Kind, open_line


def inspect(frame: bytes, session: Session) -> Uplink:
    line = open_line(frame)
    if line.kind == Kind.IDENTITY:
        return Uplink(FrameKind.LOGIN, unique_id=line.unique_id)
    data = line.kind == Kind.QZE or (line.kind == Kind.SENTENCE and line.name in SENTENCES)
    kind = FrameKind.DATA if data else FrameKind.OTHER
    return Uplink(kind, unique_id=line.unique_id, records=1 if data else 0)
