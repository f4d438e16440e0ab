"""What a Meiligao frame means to the gateway, from its envelope and message type only.

Checks the envelope (length, end, CRC), reads the id every frame carries, and gives the exact
reply the device waits for: only the login (0x5000) is answered, with 0x4000 and data 0x01.
Position and alarm reports need no answer in the V2.1 document.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ID_BYTES, SERVER_START
from .constants import MessageType as M
from .framing import build_frame, open_frame

_LOGIN_OK: Final = b"\x01"

_KINDS: Final[dict[int, tuple[FrameKind, int]]] = {
    M.LOGIN: (FrameKind.LOGIN, 0),
    M.POSITION: (FrameKind.DATA, 1),
    M.POSITION_LOGGED: (FrameKind.DATA, 1),
    M.ALARM: (FrameKind.DATA, 1),
    M.RFID: (FrameKind.DATA, 1),
    M.TRACK_ON_DEMAND: (FrameKind.REPLY, 1),
    M.TRACK_BY_INTERVAL: (FrameKind.REPLY, 1),
    M.OUTPUT_CONTROL: (FrameKind.REPLY, 1),
    M.SERIAL_AND_IMEI: (FrameKind.REPLY, 1),
}


def login_reply(frame: bytes) -> bytes:
    """0x4000 with 0x01 to the id exactly as the device sent it."""
    return build_frame(SERVER_START, frame[4 : 4 + ID_BYTES], M.LOGIN_REPLY, _LOGIN_OK)


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    if env.type == M.POSITION_BATCH:
        count = frame[env.start] if env.end > env.start else 0
        return Uplink(FrameKind.DATA, env.unique_id, records=count)
    kind, records = _KINDS.get(env.type, (FrameKind.OTHER, 0))
    ack = login_reply(frame) if env.type == M.LOGIN else b""
    return Uplink(kind, env.unique_id, ack, records=records)
