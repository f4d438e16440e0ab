"""What a Topin frame means to the gateway, and the exact answer the device waits for.

The login carries the IMEI (8 bytes BCD, a leading zero nibble) and is answered with status
0x01; GPS and WiFi/cell reports are answered by echoing their date-time, status frames by their
protocol number alone, a time request (0x30) with the server's UTC time. Every answer repeats
the frame's own length byte, as the vendor's server does (constants.py). Heartbeats are not
answered (the document lists the messages that must be).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols._binary import bcd
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import IMEI_BYTES, LOGIN_OK, TIME_BYTES, TIME_ECHOED, Message
from .decoding import DECODERS, FIX_HEARTBEAT
from .framing import build, open_frame

_KINDS: Final[dict[int, FrameKind]] = {
    Message.LOGIN: FrameKind.LOGIN,
    Message.HEARTBEAT: FrameKind.HEARTBEAT,
    Message.STATUS: FrameKind.HEARTBEAT,
}


def _now(session: Session) -> bytes:
    t = datetime.fromtimestamp(session.received_us / 1e6, UTC)
    return bytes((t.year % 100, t.month, t.day, t.hour, t.minute, t.second))


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    p = env.protocol
    if p == Message.LOGIN:
        imei = bcd(env.content[:IMEI_BYTES]).lstrip("0") or "0"
        if len(env.content) < IMEI_BYTES or len(imei) > 15:
            raise InvalidField(f"bad login IMEI {env.content[:IMEI_BYTES].hex()}")
        return Uplink(FrameKind.LOGIN, imei, ack=build(env.length, p, bytes((LOGIN_OK,))))
    if p in TIME_ECHOED:
        ack = build(env.length, p, env.content[:TIME_BYTES])
    elif p == Message.STATUS:
        ack = build(env.length, p)
    elif p == Message.TIME_SYNC:
        ack = build(env.length, p, _now(session))
    else:
        ack = b""
    if p == Message.HEARTBEAT and len(env.content) >= FIX_HEARTBEAT:
        return Uplink(FrameKind.DATA, records=1)
    kind = _KINDS.get(p, FrameKind.DATA if p in DECODERS else FrameKind.OTHER)
    return Uplink(kind, ack=ack, records=1 if kind == FrameKind.DATA else 0)
