"""Megastek inspect: the unit from each layout (the $MGV002 imei, `imei:` rather than the user's
name in new STX lines, the id of the old head), no reply, strict auto-detection."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gps103, gt06, pt502, taip
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.megastek import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


@pytest.mark.parametrize(
    ("frame", "unit"),
    [
        (v.LENGTH_NO_FIX, "354550050292669"),
        (v.MGV_LENGTH, "014682001957744"),
        (v.MGV_FULL, "860719020193193"),
        (v.STX_NEW, "013227009737796"),
        (v.STX_NAMED, "861785000249353"),
        (v.STX_OLD, "863070014949464"),
        (v.STX_OLD_BINARY, "260475"),
    ],
)
def test_reports_name_the_unit_and_get_no_reply(frame: bytes, unit: str) -> None:
    assert inspect(frame) == (FrameKind.DATA, unit, b"")


def test_other_lines() -> None:
    assert inspect(v.AGPS) == (FrameKind.OTHER, None, b"")


def test_broken_lines() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.MGV_LENGTH[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.MGV_LENGTH + b"x", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"$GPRMC,1\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$MGV002,86071 9020193193,\r\n", Session())


def test_detect() -> None:
    for frame in (v.MGV_LENGTH, v.MGV_FULL, v.STX_NEW, v.STX_OLD):
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:20]
    assert PROTOCOL.detect(v.MGV_FULL[:30]) == Detection.MORE
    assert PROTOCOL.detect(v.AGPS) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gps103.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(pt502.Device("6094").heartbeat()[0]) == Detection.NO
    assert PROTOCOL.detect(taip.Device("1234").heartbeat()[0]) == Detection.NO


def test_example_device() -> None:
    from fleetwire.model import Record
    from tests.protocols.contract import NOW

    frame, reply = Device(Device.example_id).report([Record(NOW, latitude=1.5, longitude=2.5)])
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply == b""
