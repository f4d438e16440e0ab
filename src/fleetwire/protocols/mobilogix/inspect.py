"""What a Mobilogix message means to the gateway: the unit, the kind and the exact answer.

Every message names the unit in its fifth field. The server answers each message with
`[<the message's time>,S<n>]` (`[<time>,S1,1]`, login accepted, to T1; T6 unanswered), as the
public driver cited in constants.py does. Knows nothing about report contents.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import LOGIN, NO_ANSWER
from .decoding import message_time
from .framing import open_message

_TYPE = re.compile(r"T(\d{1,3})")
_UNIT = re.compile(r"[0-9A-Za-z]{1,20}")


def inspect(frame: bytes, session: Session) -> Uplink:
    f = open_message(frame)
    message_time(f[0])
    kind = _TYPE.fullmatch(f[1]) if len(f) > 4 else None
    if kind is None:
        raise InvalidField(f"bad Mobilogix message {frame[:32]!r}")
    if _UNIT.fullmatch(f[4]) is None:
        raise InvalidField(f"bad Mobilogix unit id {f[4][:24]!r}")
    if f[1] == LOGIN:
        ack = f"[{f[0]},S1,1]"
    elif f[1] in NO_ANSWER:
        ack = ""
    else:
        ack = f"[{f[0]},S{kind[1]}]"
    frame_kind = FrameKind.LOGIN if f[1] == LOGIN else FrameKind.DATA
    return Uplink(frame_kind, unique_id=f[4], ack=ack.encode("ascii"), records=int(len(f) > 6))
