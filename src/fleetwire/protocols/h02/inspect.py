"""What an H02 frame means to the gateway, from its header only: identity, kind, exact reply.

Replies follow the vendor documents and captured server behaviour: position, cell and alarm
messages are documented as "respond: no". V0 and HTBT keep-alives are echoed as
`*<maker>,<id>,<type>#` (what newer ST-901 firmware waits for; traccar's H02 decoder and other
public implementations answer the same bytes). Traccar also answers V1/NBR with a time-stamped
`V4` line; that needs a clock, the documents do not require it, so no reply is given here.
The maker code seen is kept in the session: the device checks it in commands (encoding.py).
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import BINARY_START
from .decoding import binary_id
from .framing import binary_id_bytes, clock_ok, open_text

MAKER_KEY = "h02.maker"


class _Policy(NamedTuple):
    kind: FrameKind
    echo: bool
    records: int


_DATA = _Policy(FrameKind.DATA, False, 1)
_POLICY: dict[str, _Policy] = {
    "V1": _DATA,
    "V2": _DATA,
    "V5": _DATA,
    "V6": _DATA,
    "VI1": _DATA,
    "V19": _DATA,
    "VP1": _DATA,
    "NBR": _DATA,
    "ALRM": _DATA,
    "V4": _Policy(FrameKind.REPLY, False, 1),
    "LINK": _Policy(FrameKind.HEARTBEAT, False, 1),
    "XT": _Policy(FrameKind.HEARTBEAT, False, 1),  # documented: "respond format: no"
    "HTBT": _Policy(FrameKind.HEARTBEAT, True, 1),
    "V0": _Policy(FrameKind.LOGIN, True, 1),
}
_OTHER = _Policy(FrameKind.OTHER, False, 0)


def inspect(frame: bytes, session: Session) -> Uplink:
    if frame[:1] == bytes((BINARY_START,)):
        id_bytes = binary_id_bytes(frame)
        unique_id = binary_id(frame, id_bytes)
        if not clock_ok(frame, 1 + id_bytes):
            raise InvalidField(f"bad BCD time {frame[1 + id_bytes : 7 + id_bytes].hex()}")
        return Uplink(FrameKind.DATA, unique_id=unique_id, records=1)
    tf = open_text(frame)
    session.state[MAKER_KEY] = tf.maker
    policy = _POLICY.get(tf.type, _OTHER)
    ack = b""
    if policy.echo and tf.unique_id:
        ack = f"*{tf.maker},{tf.unique_id},{tf.type}#".encode("ascii")
    return Uplink(policy.kind, unique_id=tf.unique_id or None, ack=ack, records=policy.records)
