"""What an ATrack frame means to the gateway, from its envelope only.

Every report and keep-alive names its unit (the IMEI as a 64-bit number) and carries a sequence
id; the device expects ``FE 02`` + unit id + sequence id back for each, and resends a report
until it gets it. A keep-alive is answered by echoing it, which is the same bytes. Picture
chunks (@R) carry the same envelope and get the same acknowledgement. ``$`` replies to commands
are not answered. No clock is needed for any reply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import FrameType
from .framing import ack, frame_type, open_binary, open_keepalive, open_reply, open_text


def _position(frame: bytes) -> Uplink:
    env = open_binary(frame, FrameType.POSITION)
    # The record count needs the record walk (custom data is variable): at least one.
    return Uplink(FrameKind.DATA, str(env.unit_id), ack(env.unit_id, env.sequence), records=1)


def _text(frame: bytes) -> Uplink:
    env = open_text(frame)
    records = frame.count(b"\n", env.start)  # one record per line
    return Uplink(FrameKind.DATA, str(env.unit_id), ack(env.unit_id, env.sequence), records=records)


def _image(frame: bytes) -> Uplink:
    env = open_binary(frame, FrameType.IMAGE)
    return Uplink(FrameKind.OTHER, str(env.unit_id), ack(env.unit_id, env.sequence))


def _keepalive(frame: bytes) -> Uplink:
    env = open_keepalive(frame)
    return Uplink(FrameKind.HEARTBEAT, str(env.unit_id), ack(env.unit_id, env.sequence))


def _reply(frame: bytes) -> Uplink:
    text = open_reply(frame)
    # $INFO=<IMEI>,<model>,...: the one reply that names its unit
    head, _, _ = text.removeprefix("$INFO=").partition(",")
    unique_id = head if text.startswith("$INFO=") and head.isdigit() else None
    return Uplink(FrameKind.REPLY, unique_id, records=1)


_BY_TYPE: Final[dict[FrameType, Callable[[bytes], Uplink]]] = {
    FrameType.POSITION: _position,
    FrameType.TEXT_POSITION: _text,
    FrameType.IMAGE: _image,
    FrameType.KEEPALIVE: _keepalive,
    FrameType.REPLY: _reply,
}


def inspect(frame: bytes, session: Session) -> Uplink:
    return _BY_TYPE[frame_type(frame)](frame)
