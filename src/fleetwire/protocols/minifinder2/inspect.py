"""What a MiniFinder frame means to the gateway, from its envelope and key headers only.

Checks header, length and CRC, reads the IMEI (first key of data and services messages) and
gives the exact reply: when the properties' ACK flag is set, a response message (type 7F, key 00)
with the frame's own sequence id, as the vendor document asks ("the Server must give response if
the ACK Flag bit marked as 1 ... it should be the same ID"). Values are not parsed here.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from . import keys
from .constants import ACK_FLAG, Key, Message
from .framing import build, open_frame, record

_KINDS: Final[dict[int, FrameKind]] = {
    Message.DATA: FrameKind.DATA,
    Message.SERVICES: FrameKind.HEARTBEAT,
    Message.CONFIGURATION: FrameKind.REPLY,  # the device's answer to a configuration read
    Message.SYSTEM_CONTROL: FrameKind.REPLY,
    Message.RESPONSE: FrameKind.REPLY,
}
_ACK_BODY: Final = bytes((Message.RESPONSE,)) + record(Key.ACK)  # 7F 01 00


def ack(sequence: int) -> bytes:
    """The positive response to the message numbered ``sequence``: AB 00 0300 08C7 <seq> 7F0100.
    It asks for no response itself (properties 00)."""
    return build(0, sequence, _ACK_BODY)


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    kind = _KINDS.get(env.message, FrameKind.OTHER)
    unique_id = None
    records = 0
    if env.message == Message.DATA:
        unique_id = keys.imei(frame, env.start, env.end)
        # walks the key headers so that no ACK goes out for a body the decoder cannot split
        records = len(keys.split(frame, env.start, env.end))
    elif env.message == Message.SERVICES:
        unique_id = keys.imei(frame, env.start, env.end)
        for _ in keys.fields(frame, env.start, env.end):
            pass
    elif env.message in (Message.RESPONSE, Message.SYSTEM_CONTROL):
        records = 1
    reply = ack(env.sequence) if env.properties & ACK_FLAG else b""
    return Uplink(kind=kind, unique_id=unique_id, ack=reply, records=records)
