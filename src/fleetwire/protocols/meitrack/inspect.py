"""What a Meitrack frame means to the gateway, from its envelope and message type only.

Checks the envelope (length, end, checksum), reads the IMEI every frame carries, and gives the
exact reply the device waits for. Only CCC batches are answered: the server confirms how many
packets it took ("CCC,<n>", T622 GPRS protocol 3.45) and the device deletes them from its cache.
AAA reports need no answer; AFF (C03,1 mode) and CCE confirmations are not documented in the
sources we have, so they get none (the device then re-sends from its cache: duplicates, not loss).
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .binary import ccc_count, cce_count
from .constants import SERVER_START
from .constants import MessageType as M
from .decoding import is_command_answer
from .framing import build_frame, open_frame


def ccc_reply(flag: str, imei: str, count: int) -> bytes:
    return build_frame(SERVER_START, flag, imei, b"CCC,%d" % count)


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    data = memoryview(frame)[env.start : env.end]
    kind = env.type
    if kind in (M.POSITION, M.POSITION_CONFIRMED):
        return Uplink(FrameKind.DATA, env.imei, records=1)
    if kind == M.COMPRESSED:
        count = ccc_count(data)
        return Uplink(FrameKind.DATA, env.imei, ccc_reply(env.flag, env.imei, count), records=count)
    if kind == M.EXTENDED:
        return Uplink(FrameKind.DATA, env.imei, records=cce_count(data))
    if kind in (M.PICTURE, M.PICTURE_LIST):
        return Uplink(FrameKind.OTHER, env.imei)
    if is_command_answer(kind):
        return Uplink(FrameKind.REPLY, env.imei, records=1)
    return Uplink(FrameKind.OTHER, env.imei)
