"""What a Fifotrack frame means to the gateway, from its envelope and command code only.

Checks the envelope (length, end, XOR checksum) and reads the ID every frame carries. The vendor
documents define no server acknowledgement for A00/A01 reports (the device sends them and goes
on), so no frame is answered; command answers (B.., C.., S..) are REPLY frames.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import MessageType as M
from .decoding import is_command_answer
from .framing import open_frame

_KINDS: dict[str, FrameKind] = {
    M.POSITION_V0: FrameKind.DATA,
    M.POSITION: FrameKind.DATA,
    M.PHOTO: FrameKind.OTHER,
    M.PHOTO_DATA: FrameKind.OTHER,
}


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    kind = _KINDS.get(env.code)
    if kind is FrameKind.DATA:
        return Uplink(FrameKind.DATA, env.unique_id, records=1)
    if kind is None and is_command_answer(env.code):
        return Uplink(FrameKind.REPLY, env.unique_id, records=1)
    return Uplink(FrameKind.OTHER, env.unique_id)
