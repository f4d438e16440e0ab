"""EasyTrack inspect: every message's IMEI, data kinds, no replies, detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.easytrack import PROTOCOL

from . import vectors as v


def test_inspect() -> None:
    assert PROTOCOL.inspect(v.ASSERTED, Session()) == Uplink(
        FrameKind.DATA, unique_id="135790246811221", records=1)  # fmt: skip
    assert PROTOCOL.inspect(v.MESSAGES[1], Session()) == Uplink(
        FrameKind.OTHER, unique_id="358155100132943")  # fmt: skip
    for bad in (b"*GT,1,MQ#", b"*ET,1#", b"*ET,1 2,MQ#"):
        with pytest.raises(DeviceError):
            PROTOCOL.inspect(bad, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.MESSAGES[1]) is Detection.YES
    assert PROTOCOL.detect(b"*ET,3581551") is Detection.MORE
