"""GoTop inspect: every message names its IMEI; the keep-alive is a heartbeat; nothing is
answered; detect() claims whole messages."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gotop import PROTOCOL

from . import vectors as v


def test_kinds() -> None:
    up = PROTOCOL.inspect(v.KEEPALIVE, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.HEARTBEAT, "353327020412763", b"")
    up = PROTOCOL.inspect(v.TRACKING, Session())
    assert (up.kind, up.unique_id, up.records, up.ack) == (
        FrameKind.DATA, "013226009991924", 1, b"",
    )  # fmt: skip


@pytest.mark.parametrize("frame", [b"", b"#", b"12345,CMD-T#", b"353327020412763#", b"3533"])
def test_bad_messages_are_refused(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(frame, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.TRACKING) == Detection.YES
    assert PROTOCOL.detect(v.TRACKING[:25]) == Detection.MORE
    assert PROTOCOL.detect(b"359710049095095;\r\n") == Detection.NO
