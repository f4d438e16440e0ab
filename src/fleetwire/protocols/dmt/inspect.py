"""What a Digital Matter message means to the gateway, from its envelope and hello only.

The device sends hello (IMEI), then data records (0x04, no answer each), then a commit request
(0x05). The commit response (0x06, 1 = success) tells the device it may delete everything it sent
before it, so it is the ack of the commit request frame: the gateway writes it only once that
frame is durable, and frames of one connection become durable in order, so every record before
it is durable too. A 0x04 message is therefore never refused for its content (a refused message
followed by a committed one would lose it): only a broken envelope is the device's error.

Answers: hello -> hello response; commit -> commit response; version data (0x14) -> the canned
response 0x15 with 12 zero bytes (vendor article 16000046279); async session request (0x22) ->
async session complete (0x23, empty: nothing queued). The hello response carries the server's
clock, which is the frame's receive time the caller puts in the session (0 when it has none);
the time request (0x30) gets no answer. No clock is read here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .compact import SIZE as COMPACT_SIZE
from .constants import EPOCH, HELLO_IMEI, HELLO_SIZE, MsgType
from .framing import (
    ASYNC_SESSION_COMPLETE,
    COMMIT_RESPONSE,
    VERSION_RESPONSE,
    Envelope,
    hello_response,
    open_frame,
)
from .records import count_records

_EPOCH_US: Final = int(EPOCH.timestamp()) * 1_000_000
_OTHER: Final = Uplink(FrameKind.OTHER)
Policy = Callable[[bytes, Envelope, Session], Uplink]


def hello_imei(frame: bytes, env: Envelope) -> str:
    if env.end - env.start < HELLO_SIZE:
        raise TruncatedFrame(f"hello of {env.end - env.start} bytes, need {HELLO_SIZE}")
    field = frame[env.start + HELLO_IMEI.start : env.start + HELLO_IMEI.stop]
    imei = field.strip(b"\x00")
    if not imei or not imei.isdigit():
        raise InvalidField(f"IMEI field {field.hex()}")
    return imei.decode("ascii")


def _hello(frame: bytes, env: Envelope, session: Session) -> Uplink:
    seconds = max(session.received_us - _EPOCH_US, 0) // 1_000_000
    return Uplink(FrameKind.LOGIN, unique_id=hello_imei(frame, env), ack=hello_response(seconds))


def _records(frame: bytes, env: Envelope, session: Session) -> Uplink:
    return Uplink(FrameKind.DATA, records=count_records(frame, env.start, env.end))


def _compact(frame: bytes, env: Envelope, session: Session) -> Uplink:
    # 64-byte records (0x10): counted by size, never refused for content (as 0x04 above)
    return Uplink(FrameKind.DATA, records=(env.end - env.start) // COMPACT_SIZE)


def _fixed(kind: FrameKind, ack: bytes) -> Policy:
    up = Uplink(kind, ack=ack)

    def policy(frame: bytes, env: Envelope, session: Session) -> Uplink:
        return up

    return policy


_POLICY: Final[dict[int, Policy]] = {
    MsgType.HELLO: _hello,
    MsgType.DATA_RECORDS: _records,
    MsgType.COMPACT_RECORDS: _compact,
    MsgType.COMMIT_REQUEST: _fixed(FrameKind.OTHER, COMMIT_RESPONSE),
    MsgType.VERSION_DATA: _fixed(FrameKind.OTHER, VERSION_RESPONSE),
    MsgType.ASYNC_SESSION_REQUEST: _fixed(FrameKind.OTHER, ASYNC_SESSION_COMPLETE),
}


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    policy = _POLICY.get(env.type)
    if policy is None:
        return _OTHER  # kept in the raw log, not answered ("unknown messages can be ignored")
    return policy(frame, env, session)
