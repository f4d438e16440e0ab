"""MiniFinder text inspect: the login names the device, reports are data, nothing is answered;
malformed logins are refused; a binary frame gets minifinder2's exact reply."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.minifinder import PROTOCOL
from fleetwire.protocols.minifinder2 import PROTOCOL as BINARY
from tests.protocols.minifinder2 import vectors as binary

from . import vectors as v


def test_login_and_report() -> None:
    up = PROTOCOL.inspect(v.LOGIN, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.LOGIN, "867273023933661", b"")
    up = PROTOCOL.inspect(v.POSITION, Session())
    assert (up.kind, up.unique_id, up.records, up.ack) == (FrameKind.DATA, None, 1, b"")


@pytest.mark.parametrize("frame", [b"!1,12ab;", b"!1;", b"!D,1/1/1;!D;", b"!1,860719027585011"])
def test_bad_messages_are_refused(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(frame, Session())


def test_binary_frame_gets_the_minifinder2_reply() -> None:
    for frame in (binary.GPS_SHENZHEN, binary.HEARTBEAT):
        assert PROTOCOL.inspect(frame, Session()) == BINARY.inspect(frame, Session())


def test_detect_claims_the_text_login_only() -> None:
    assert PROTOCOL.detect(v.LOGIN) == Detection.YES
    assert PROTOCOL.detect(v.LOGIN[:10]) == Detection.MORE
    assert PROTOCOL.detect(v.POSITION) == Detection.NO
    assert PROTOCOL.detect(binary.HEARTBEAT) == Detection.NO  # minifinder2's on the auto port
