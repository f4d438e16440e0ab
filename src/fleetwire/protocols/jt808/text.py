"""The ASCII "(...)" messages Jointech locks send on their JT/T 808 connection, between 7E
frames: "(740190311185,1,001,ELOCK,3,529439)" (traccar HuabaoProtocolDecoderTest, capture #60
in tests/protocols/jt808/captures.py) answers a command and is kept whole as ``result``; one
holding "BASE,2" asks for the time and gets itself back with TIME replaced by the server's UTC
time as YYYYMMDDhhmmss (the reference decoder's reply)."""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.errors import FramingError
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext, FrameKind, Session, Uplink

from .blocks import status_record
from .constants import TEXT_TIME_REQUEST


def _text(frame: bytes) -> str:
    text = frame.decode("ascii", "replace")
    if not text.isprintable() or "\ufffd" in text:
        raise FramingError("a '(' message that is not text")
    return text


def inspect(frame: bytes, session: Session) -> Uplink:
    text = _text(frame)
    first = text[1:-1].split(",", 1)[0]
    unique_id = first.lstrip("0") or None if first.isdigit() else None
    ack = b""
    if TEXT_TIME_REQUEST in text and session.received_us:
        now = datetime.fromtimestamp(session.received_us / 1_000_000, UTC)
        ack = text.replace("TIME", now.strftime("%Y%m%d%H%M%S")).encode("ascii")
    records = 0 if TEXT_TIME_REQUEST in text else 1
    return Uplink(kind=FrameKind.REPLY, unique_id=unique_id, ack=ack, records=records)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    text = _text(frame)
    if TEXT_TIME_REQUEST in text:
        return []  # a time request: the reply is all it needs
    return status_record(ctx, {"result": text})
