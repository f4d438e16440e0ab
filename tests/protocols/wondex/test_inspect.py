"""WondeX inspect: the unit from reports and from the heartbeat, the heartbeat echoed, command
answers as replies, strict auto-detection."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gps103, laipac, megastek, taip
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.wondex import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_kinds_units_and_replies() -> None:
    assert inspect(v.HEARTBEAT) == (FrameKind.HEARTBEAT, "1000000001", v.HEARTBEAT)
    assert inspect(v.VT300) == (FrameKind.DATA, "2000000001", b"")
    assert inspect(v.OK_VERSION) == (FrameKind.REPLY, None, b"")
    assert inspect(v.ERR_LOCATION) == (FrameKind.REPLY, None, b"")


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HEARTBEAT[:7], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.HEARTBEAT + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"x,1\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"12a,1\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"12,\x01\r\n", Session())


def test_detect() -> None:
    for frame in (v.HEARTBEAT, v.VT300, v.VT10_LINE):
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:20]
    assert PROTOCOL.detect(v.VT300[:20]) == Detection.MORE
    assert PROTOCOL.detect(v.OK_VERSION) == Detection.NO
    assert PROTOCOL.detect(gps103.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(taip.Device("1234").heartbeat()[0]) == Detection.NO
    assert PROTOCOL.detect(megastek.Device("860719020193193").heartbeat()[0]) == Detection.NO
    assert PROTOCOL.detect(laipac.Device("1").login()[0]) == Detection.NO


def test_example_device() -> None:
    frame, reply = Device(Device.example_id).heartbeat()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply
