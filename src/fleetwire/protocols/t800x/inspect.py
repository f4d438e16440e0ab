"""What a T880x frame means to the gateway, from its envelope (and, for alarms, one byte).

Every frame names its device (BCD IMEI). The vendor's reference server answers every device
message except command answers with the envelope echoed at length 15; alarms are answered at
length 16 with the alarm code appended. Devices that need the reply resend or reconnect without
it (the login is not complete until it is answered); those that do not ignore it. No clock is
needed for any reply. Shared by the t800x and topflytech packages.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ENVELOPE_SIZE, MessageType
from .decoding import LAYOUTS
from .framing import ack, open_frame
from .layouts import alarm_code

_KINDS: Final[dict[int, FrameKind]] = {
    MessageType.LOGIN: FrameKind.LOGIN,
    MessageType.HEARTBEAT: FrameKind.HEARTBEAT,
    MessageType.COMMAND: FrameKind.REPLY,
}
_ALARMS: Final = frozenset({MessageType.ALARM, MessageType.SENSOR_ALARM})
# Encrypted location messages (their layout starts with a key block we cannot read) are kept,
# not answered: an ACK would tell the device to drop data nobody can decode.
_UNREAD: Final = frozenset({0x62, 0x64})


SESSION_HEADER: Final = "t800x.header"  # the family header, for commands (encoding.py)


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    session.state[SESSION_HEADER] = env.header
    kind = _KINDS.get(env.type, FrameKind.DATA)
    if env.type == MessageType.COMMAND or env.type in _UNREAD:
        return Uplink(kind, env.imei, records=1 if kind is FrameKind.REPLY else 0)
    if env.type in _ALARMS:
        code = alarm_code(LAYOUTS[env.header], frame[ENVELOPE_SIZE:])
        return Uplink(kind, env.imei, ack(env, code), records=1)
    records = 0 if env.type in (MessageType.LOGIN, MessageType.HEARTBEAT) else 1
    return Uplink(kind, env.imei, ack(env), records=records)
