"""What a Topflytech frame means to the gateway. Binary frames are the T880x protocol and get
its replies (t800x.inspect); a text message names its IMEI and is not answered (the older
units send their reports without waiting for one)."""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink
from fleetwire.protocols.t800x import inspect as binary

from .framing import is_text, open_text


def inspect(frame: bytes, session: Session) -> Uplink:
    if not is_text(frame):
        return binary.inspect(frame, session)
    return Uplink(FrameKind.DATA, open_text(frame), records=1)
