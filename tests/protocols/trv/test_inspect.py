"""TRV inspect: the login names the device and is answered with the platform's clock; other
messages are answered with their own head, kind letter moved on; answers to the platform's
commands are not answered."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.trv import PROTOCOL

from . import vectors as v

_RECEIVED_US = int(datetime(2026, 11, 26, 12, 30, 5, tzinfo=UTC).timestamp() * 1_000_000)


@pytest.mark.parametrize(("frame", "prefix"), [(v.LOGIN, "TRV"), (v.IW_LOGIN, "IW")])
def test_login_is_answered_with_the_clock(frame: bytes, prefix: str) -> None:
    session = Session(received_us=_RECEIVED_US)
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.unique_id) == (FrameKind.LOGIN, "353456789012345")
    assert up.ack == f"{prefix}BP00,20261126123005,0#".encode()


@pytest.mark.parametrize(
    ("frame", "ack", "kind"),
    [
        (v.LOCATION, b"TRVBP01#", FrameKind.DATA),
        (v.YP14, b"TRVZP14#", FrameKind.DATA),
        (v.HEARTBEAT, b"TRVDP01#", FrameKind.DATA),
        (v.HEALTH, b"IWBPHP#", FrameKind.DATA),
        (b"IWAP99,1,2#", b"IWBP99#", FrameKind.OTHER),
    ],
)
def test_messages_are_answered_with_their_head(frame: bytes, ack: bytes, kind: FrameKind) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.ack, up.kind, up.unique_id) == (ack, kind, None)


def test_command_answers_are_not_answered() -> None:
    for frame in (v.COMMAND_ANSWER, b"IWAP12,080835,+491773329827#"):
        up = PROTOCOL.inspect(frame, Session())
        assert (up.kind, up.ack) == (FrameKind.REPLY, b"")


@pytest.mark.parametrize("frame", [b"TRVAP00123#", b"TRVXX01#", b"TRVAP0", b"IWAP01#IWAP02#"])
def test_bad_messages_are_refused(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(frame, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN) == Detection.YES
    assert PROTOCOL.detect(v.IW_LOGIN) == Detection.YES
    assert PROTOCOL.detect(v.LOGIN[:9]) == Detection.MORE
    assert PROTOCOL.detect(v.LOCATION) == Detection.NO
