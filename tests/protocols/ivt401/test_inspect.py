"""iVT401 inspect: every report names its IMEI, nothing is answered; detect() claims reports."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.ivt401 import PROTOCOL

from . import vectors as v


def test_identity_and_no_reply() -> None:
    for frame in v.VALID:
        up = PROTOCOL.inspect(frame, Session())
        assert (up.kind, up.ack, up.records) == (FrameKind.DATA, b"", 1)
        assert up.unique_id is not None and up.unique_id.encode() in frame


@pytest.mark.parametrize("frame", [b"(TLN,12345,1)", b"(TLN)", b"TLN,1)", b"(TLN,86"])
def test_bad_reports_are_refused(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(frame, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.NORMAL) == Detection.YES
    assert PROTOCOL.detect(v.NORMAL[:30]) == Detection.MORE
    assert PROTOCOL.detect(b"(027046229170BP05355227046229175231120A3450.6766N)") == Detection.NO
