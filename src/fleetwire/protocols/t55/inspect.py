"""What a T55 line means to the gateway: an identification line names the device (LOGIN); a
sentence with an id before or after it names it too. Nothing is answered: the captures show
no server reply. NMEA checksums are not verified: real captures the reference server accepts
carry sentences whose `*XX` does not match (a refused line would be resent forever).

Maxon units send a sentence before their identification line (traccar T55ProtocolDecoderTest,
testMaxonDecode). The gateway cannot store a frame before the device is known, so the sentence
is held in the session and handed on as the identification frame's context: decoding the
identification line then gives that sentence's fix.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .decoding import SENTENCES
from .lines import Kind, open_line

HELD = "t55.held"  # session state: the last sentence sent before any identification


def inspect(frame: bytes, session: Session) -> Uplink:
    line = open_line(frame)
    if line.kind == Kind.IDENTITY:
        held: bytes = session.state.pop(HELD, b"")
        return Uplink(FrameKind.LOGIN, line.unique_id, records=int(bool(held)), context=held)
    data = line.kind == Kind.QZE or (line.kind == Kind.SENTENCE and line.name in SENTENCES)
    if data and line.unique_id is None and session.unique_id is None:
        session.state[HELD] = frame
    kind = FrameKind.DATA if data else FrameKind.OTHER
    return Uplink(kind, unique_id=line.unique_id, records=1 if data else 0)
