"""What a KHD frame means to the gateway, and the confirmation the unit waits for.

Every uplink frame names its unit (the pseudo-IP) and is confirmed with command 0x21 carrying
the received frame's checksum and command and a third byte: `29 29 21 00 05 <checksum>
<command> 00 <xor> 0D`. The public Longhan16m tests (captures.py) show a vendor server's
confirmation of this shape (`2929210005 74 80 17 C7 0D` for a frame with checksum 74, command
80); the third byte's meaning is not documented in the copies found (that server sent 0x17),
so it is 0 here. The pseudo-IP is kept in the session so that commands carry exactly the
bytes the unit uses.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import POSITIONS, Command
from .framing import build, open_frame, unit_id

PSEUDO_IP_KEY: Final = "khd.pseudo_ip"


def confirmation(checksum: int, command: int) -> bytes:
    return build(Command.CONFIRMATION, bytes((checksum, command, 0)))


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    uid = unit_id(env.pseudo_ip) if env.pseudo_ip else None
    if env.pseudo_ip:
        session.state[PSEUDO_IP_KEY] = env.pseudo_ip
    ack = confirmation(env.checksum, env.command)
    if env.command in POSITIONS:
        return Uplink(FrameKind.DATA, uid, ack=ack, records=1)
    if env.command == Command.LOGIN:
        return Uplink(FrameKind.LOGIN, uid, ack=ack)
    return Uplink(FrameKind.OTHER, uid, ack=ack)
