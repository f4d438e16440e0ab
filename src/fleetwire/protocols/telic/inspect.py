"""What a Telic message means to the gateway: every message carries the device id (constants.py
says where). No reply is sent: none is documented or seen in captures, and the reference server
answers nothing either.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .decoding import is_report, unit_id
from .framing import text_of


def inspect(frame: bytes, session: Session) -> Uplink:
    text = text_of(frame)
    uid = unit_id(text)
    if is_report(text):
        return Uplink(FrameKind.DATA, unique_id=uid, records=1)
    if "|" in text:
        return Uplink(FrameKind.LOGIN, unique_id=uid)
    return Uplink(FrameKind.REPLY, unique_id=uid)  # TLOC, TTUV ...: answers to queries
