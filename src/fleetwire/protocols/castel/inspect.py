"""What a Castel frame means to the gateway, from its envelope and a few fixed offsets.

Checks header, length, CRC and tail; every frame carries the device id. Replies, each echoing
the frame's version and the 20 id bytes as sent: login 0x1001 gets 0x9001 (IP 0xFFFFFFFF, port
0: keep the configured server; then a UTC time), heartbeat 0x1003 gets 0x9003 with no data,
alarm 0x4007 gets 0xC007 with the alarm's 4-byte sequence number; on CC firmware (versions
other than 3 and 4) login 0x4001 gets 0x8001 and heartbeat 0x4206 gets 0x8206, with no data.
Nothing else is answered.

The login reply's time field is the server's clock in the vendor exchange: the frame's receive
time, which the caller puts in the session. Without one (0), the UTC time the device wrote in its
own login (STAT_DATA) goes back: the device keeps the clock it already has.
"""

from __future__ import annotations

import struct
from typing import Final

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import (
    ALARM_SEQ_SIZE,
    DECODED_VERSIONS,
    KEEP_IP,
    KEEP_PORT,
    MPIP,
    REPLY_BIT,
    STAT_SIZE,
    CcMsg,
    Msg,
)
from .framing import Envelope, build, open_frame

_LOGIN_REPLY: Final = struct.Struct("<IHI")
_UTC_OFFSET: Final = 4  # STAT_DATA: last ACC-on time (4), then UTC time (4)
_STAT_TYPES: Final = frozenset(
    {Msg.PID_DATA, Msg.DTCS_PASSENGER, Msg.DTCS_COMMERCIAL, Msg.OBD_DATA, Msg.CELL}
)
# The CC firmware's login and heartbeat are answered with their reply type and no data.
_CC_REPLIES: Final[dict[int, int]] = {
    CcMsg.LOGIN: CcMsg.LOGIN_REPLY,
    CcMsg.HEARTBEAT: CcMsg.HEARTBEAT_REPLY,
}


def gps_offset(msg_type: int, version: int) -> int | None:
    """Offset, from the data start, of the GPS_DATA count in the message types that carry
    one: login and alarm after STAT_DATA (the alarm after its sequence number first), GPS data
    after a one-byte field that version-4 devices put before STAT_DATA."""
    if msg_type in (Msg.LOGIN, Msg.LOGOUT):
        return STAT_SIZE
    if msg_type == Msg.COMPREHENSIVE:
        return 1 + 4 + STAT_SIZE
    if msg_type == Msg.ALARM:
        return ALARM_SEQ_SIZE + STAT_SIZE
    if msg_type == Msg.GPS:
        return STAT_SIZE + (1 if version >= 4 else 0)
    return None


def login_reply(env: Envelope, frame: bytes, received_us: int = 0) -> bytes:
    at = env.start + _UTC_OFFSET
    if env.end - at < 4:
        raise TruncatedFrame("login without its UTC time")
    utc = received_us // 1_000_000 or int.from_bytes(frame[at : at + 4], "little")
    data = _LOGIN_REPLY.pack(KEEP_IP, KEEP_PORT, utc)
    return build(env.version, env.raw_id, Msg.LOGIN_REPLY, data)


def _records(env: Envelope, frame: bytes) -> int:
    at = gps_offset(env.type, env.version)
    if at is None:
        return 1 if env.type in _STAT_TYPES else 0
    if env.end - env.start <= at:
        return 0  # checksum right but short: kept and answered, decode will say what is wrong
    gps = frame[env.start + at]
    return max(gps, 1) if env.type in (Msg.ALARM, Msg.COMPREHENSIVE) else gps


def _other_family(env: Envelope) -> Uplink:
    """CC logins and heartbeats are answered. MPIP frames are not: no document for that family
    is at hand, and the one public decoder answers them in an "@@" envelope that no MPIP
    capture confirms, so a reply would be a guess."""
    reply = _CC_REPLIES.get(env.type) if env.version != MPIP else None
    if reply is None:
        return Uplink(FrameKind.DATA, env.device_id, records=1)
    kind = FrameKind.LOGIN if env.type == CcMsg.LOGIN else FrameKind.DATA
    return Uplink(kind, env.device_id, ack=build(env.version, env.raw_id, reply), records=1)


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    uid = env.device_id
    kind_type = env.type
    if env.version not in DECODED_VERSIONS:
        return _other_family(env)
    if kind_type == Msg.LOGIN:
        ack = login_reply(env, frame, session.received_us)
        return Uplink(FrameKind.LOGIN, uid, ack=ack, records=_records(env, frame))
    if kind_type == Msg.HEARTBEAT:
        ack = build(env.version, env.raw_id, Msg.HEARTBEAT_REPLY)
        return Uplink(FrameKind.HEARTBEAT, uid, ack=ack)
    if kind_type == Msg.ALARM:
        if env.end - env.start < ALARM_SEQ_SIZE:
            raise TruncatedFrame("alarm without its sequence number")
        seq = frame[env.start : env.start + ALARM_SEQ_SIZE]
        ack = build(env.version, env.raw_id, Msg.ALARM_REPLY, seq)
        return Uplink(FrameKind.DATA, uid, ack=ack, records=_records(env, frame))
    if kind_type & REPLY_BIT:
        return Uplink(FrameKind.REPLY, uid, records=1)
    records = _records(env, frame)
    return Uplink(FrameKind.DATA if records else FrameKind.OTHER, uid, records=records)
