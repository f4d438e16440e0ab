"""What a watch frame means to the gateway: the id every frame carries, its kind, and the
exact answer (echoing the maker, id and ZJ index of the frame, the length in 4 hex digits).

Remembers the maker and id in the session so that commands are framed the way this watch
frames its own messages. No field is parsed here: only the keyword.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ALARM_TYPES, ANSWERS, COMMAND_ECHOES, LINK, POSITION_TYPES
from .framing import build, keyword, open_frame

SESSION_MAKER: Final = "watch.maker"
SESSION_ID: Final = "watch.id"
_HEALTH: Final = frozenset({"bphrt", "BLOOD", "heart", "HEART", "btemp2"})


def _kind(word: str) -> tuple[FrameKind, int]:
    if word == LINK:
        return FrameKind.HEARTBEAT, 1
    if word in POSITION_TYPES or word in ALARM_TYPES or word in _HEALTH:
        return FrameKind.DATA, 1
    if word in COMMAND_ECHOES:
        return FrameKind.REPLY, 1
    return FrameKind.OTHER, 0


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    h = env.header
    word = keyword(env.content)
    session.state[SESSION_MAKER] = h.maker
    session.state[SESSION_ID] = h.device_id
    answer = ANSWERS.get(word)
    ack = build(h.maker, h.device_id, answer, h.serial) if answer else b""
    kind, records = _kind(word)
    return Uplink(kind, unique_id=h.device_id, ack=ack, records=records)
