"""What a Navtelecom frame means to the gateway, from its envelope only.

NTCB: `*>S:<IMEI>` identifies the device and is answered `*<S`; `*>FLEX` declares the field
bitfield of all FLEX records on this connection and is answered `*<FLEX` with the same protocol,
version and structure version; `*@...` answers a command. Every NTCB answer swaps the request's
recipient and sender. FLEX: `~A` is answered `~A` + record count + CRC-8, `~T` with `~T` + the
record index + CRC-8, `~C` with `~C` + CRC-8 (vendor wiki "FLEX examples"). The bitfield is
kept in the session so that the exact record size checks every FLEX message before its ACK.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import (
    ARRAY,
    COMMAND_ANSWER,
    CURRENT,
    FLEX_REPLY,
    FLEX_REQUEST,
    FLEX_START,
    LOGIN,
    LOGIN_REPLY,
    PING,
    URGENT,
)
from .fields import Layout, layout_from_request
from .framing import Ntcb, build_flex, build_ntcb, open_flex, open_ntcb

BITFIELD_KEY: Final = "navtelecom.bitfield"  # session.state: hex of the negotiated bitfield
SIZE_KEY: Final = "navtelecom.size"  # session.state: the negotiated record size (None: unknown)
ADDRESS_KEY: Final = "navtelecom.address"  # session.state: (device id, server id) of the login
IMEI_SIZE: Final = 15


def login_imei(body: bytes) -> str:
    """The IMEI of `*>S:<IMEI>`."""
    if len(body) < len(LOGIN) + 1 + IMEI_SIZE or body[3:4] != b":":
        raise TruncatedFrame(f"login body {body!r}")
    imei = body[4 : 4 + IMEI_SIZE]
    if not imei.isdigit():
        raise InvalidField(f"IMEI {imei!r} is not digits")
    return imei.decode("ascii")


def _reply(p: Ntcb, body: bytes) -> bytes:
    return build_ntcb(p.sender, p.recipient, body)


def _login(p: Ntcb, session: Session) -> Uplink:
    imei = login_imei(p.body)
    session.state[ADDRESS_KEY] = (p.sender, p.recipient)
    return Uplink(FrameKind.LOGIN, unique_id=imei, ack=_reply(p, LOGIN_REPLY))


def _flex(p: Ntcb, session: Session) -> Uplink:
    layout = layout_from_request(p.body)
    session.state[BITFIELD_KEY] = layout.bitfield.hex()
    session.state[SIZE_KEY] = layout.size
    versions = p.body[len(FLEX_REQUEST) : len(FLEX_REQUEST) + 3]
    return Uplink(FrameKind.OTHER, ack=_reply(p, FLEX_REPLY + versions))


def _answer(p: Ntcb, session: Session) -> Uplink:
    return Uplink(FrameKind.REPLY, records=1)


_NTCB: Final[dict[bytes, Callable[[Ntcb, Session], Uplink]]] = {
    FLEX_REQUEST: _flex,
    LOGIN: _login,
    COMMAND_ANSWER: _answer,
}


def _ntcb(frame: bytes, session: Session) -> Uplink:
    p = open_ntcb(frame)
    for prefix, handler in _NTCB.items():
        if p.body.startswith(prefix):
            return handler(p, session)
    return Uplink(FrameKind.OTHER)


def record_size(session: Session) -> int | None:
    """The record size this connection negotiated, None before *>FLEX or when unsizeable."""
    size = session.state.get(SIZE_KEY)
    return size if isinstance(size, int) else None


def session_layout(session: Session) -> Layout:
    bitfield = session.state.get(BITFIELD_KEY)
    if not isinstance(bitfield, str):
        raise InvalidField("FLEX message before the *>FLEX negotiation")
    return Layout.from_hex(bitfield)


def _flex_message(frame: bytes, session: Session) -> Uplink:
    kind, start, end = open_flex(frame)
    layout = session_layout(session)
    count = frame[2] if kind == ARRAY else 1
    layout.check_records(end - start, count)
    if kind == ARRAY:
        ack = build_flex(ARRAY, bytes((count,)), b"")
    elif kind == URGENT:
        ack = build_flex(URGENT, frame[2:6], b"")
    else:
        ack = build_flex(CURRENT, b"", b"")
    # the layout goes with the frame into the raw log: the worker decodes it without the
    # connection's *>FLEX, which it may never see (another worker, a replay, a restart)
    return Uplink(FrameKind.DATA, ack=ack, records=count, context=layout.bitfield)


def inspect(frame: bytes, session: Session) -> Uplink:
    if not frame:
        raise TruncatedFrame("empty frame")
    if frame[0] == FLEX_START:
        return _flex_message(frame, session)
    if frame == bytes((PING,)):
        return Uplink(FrameKind.HEARTBEAT, store=False)
    return _ntcb(frame, session)
