"""What a TK103 frame means to the gateway, from its header only: identity, kind, exact reply.

Replies per the vendor document: the handshake BP00 is answered `(<id>AP01HSO)`, the login
BP05 `(<id>AP05)` (until then the unit keeps sending logins instead of positions) and the alarm
BO01 `(<id>AS01<alarm code>)` (the unit repeats an unanswered alarm). Positions need none. The
comma-separated "(<id>,<type>,...)" firmware is not answered (no source gives its replies);
a frame whose header we cannot read is kept (TK103 has no checksum to prove it corrupt).
"""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .comma import DECODERS as COMMA_DECODERS
from .constants import ALARM_REPLY, HANDSHAKE_REPLY, LOGIN_REPLY
from .constants import Command as C
from .framing import open_frame

_KINDS: dict[str, FrameKind] = {
    C.HANDSHAKE: FrameKind.HEARTBEAT,
    C.LOGIN: FrameKind.LOGIN,
    C.POSITION_ANSWER: FrameKind.REPLY,
    C.FEEDBACK: FrameKind.DATA,
    C.FEEDBACK_ISOCHRONOUS: FrameKind.DATA,
    C.FEEDBACK_END: FrameKind.DATA,
    C.ALARM: FrameKind.DATA,
    C.VIN: FrameKind.DATA,
    C.CELLS: FrameKind.DATA,
    C.POSITION_EXTRA: FrameKind.DATA,
    C.ALARM_EXTRA: FrameKind.DATA,
}


def reply(unique_id: str, word: str) -> bytes:
    return f"({unique_id}{word})".encode("ascii")


def inspect(frame: bytes, session: Session) -> Uplink:
    try:
        f = open_frame(frame)
    except InvalidField:
        # no checksum to prove it corrupt: an unknown clone's frame is kept for a later decoder
        return Uplink(FrameKind.OTHER)
    if f.alternative:
        kind = FrameKind.DATA if f.command in COMMA_DECODERS else FrameKind.OTHER
    else:
        kind = _KINDS.get(f.command, FrameKind.OTHER)
    ack = b""
    if kind is FrameKind.HEARTBEAT:
        ack = reply(f.unique_id, HANDSHAKE_REPLY)
    elif kind is FrameKind.LOGIN:
        ack = reply(f.unique_id, LOGIN_REPLY)
    elif f.command == C.ALARM and not f.alternative and f.body[:1].isdigit():
        ack = reply(f.unique_id, ALARM_REPLY + f.body[0])
    records = 0 if kind in (FrameKind.OTHER, FrameKind.HEARTBEAT) else 1
    return Uplink(kind, unique_id=f.unique_id, ack=ack, records=records)
