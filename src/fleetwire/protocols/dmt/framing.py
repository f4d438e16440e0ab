"""The Digital Matter envelope: where a message ends in a stream, checking one, building one.

`02 55`, message type (1), payload length (UINT16, low byte first), payload. There is no
checksum (the protocol relies on TCP), so a whole message is checked by its sync and length
only. Also builds the server's fixed answers. Knows nothing about what a payload means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    COMMIT_SUCCESS,
    HEAD_SIZE,
    MAX_PAYLOAD,
    SYNC,
    VERSION_RESPONSE_BODY,
    MsgType,
)

_HEAD: Final = struct.Struct("<2sBH")
_HELLO_RESPONSE: Final = struct.Struct("<II")  # UTC time (s since 2013), flags
_SKIP: Final = -1
_SYNC0, _SYNC1 = SYNC


class Envelope(NamedTuple):
    type: int
    start: int  # first payload byte
    end: int  # one past the last payload byte


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != _SYNC0:
        return _SKIP
    if n < 2:
        return NEED_MORE
    if buf[1] != _SYNC1:
        return _SKIP
    if n < HEAD_SIZE:
        return NEED_MORE
    return HEAD_SIZE + (buf[3] | (buf[4] << 8))


def open_frame(frame: bytes) -> Envelope:
    """Check a whole message's sync and length; raise the device's error otherwise."""
    n = len(frame)
    if n < HEAD_SIZE:
        raise TruncatedFrame(f"{n} bytes is no Digital Matter message")
    sync, kind, length = _HEAD.unpack_from(frame)
    if sync != SYNC:
        raise FramingError(f"sync {sync.hex()}")
    total = HEAD_SIZE + length
    if total != n:
        if total > n:
            raise TruncatedFrame(f"declared {total} bytes, have {n}")
        raise InvalidField(f"declared {total} bytes, got {n}")
    return Envelope(kind, HEAD_SIZE, n)


def build(kind: int, payload: bytes = b"") -> bytes:
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"payload of {len(payload)} bytes")
    return _HEAD.pack(SYNC, kind, len(payload)) + payload


def hello_response(seconds: int = 0, flags: int = 0) -> bytes:
    """The answer to a hello: the server's UTC time in seconds since 2013 and flags."""
    return build(MsgType.HELLO_RESPONSE, _HELLO_RESPONSE.pack(seconds, flags))


COMMIT_RESPONSE: Final = build(MsgType.COMMIT_RESPONSE, bytes((COMMIT_SUCCESS,)))  # 0255060100 01
VERSION_RESPONSE: Final = build(MsgType.VERSION_RESPONSE, VERSION_RESPONSE_BODY)
ASYNC_SESSION_COMPLETE: Final = build(MsgType.ASYNC_SESSION_COMPLETE)
COMMIT_REQUEST: Final = build(MsgType.COMMIT_REQUEST)
