"""Tramigo inspect: the unit from the 0x80 header, ping as a heartbeat, binary frames by their
IMEI, no reply ever, length checks."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.tramigo import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_units_and_kinds() -> None:
    assert inspect(v.MOVING) == (FrameKind.DATA, "93877507", b"")
    assert inspect(v.IGNITION_ON) == (FrameKind.DATA, "1712598787", b"")
    assert inspect(v.PING) == (FrameKind.HEARTBEAT, "722822915", b"")
    assert inspect(v.BINARY) == (FrameKind.DATA, "352625695239614", b"")  # IMEI 35262569|5239614


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.MOVING[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.MOVING + b"x", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x81" + v.MOVING[1:], Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.MOVING) == Detection.YES
    assert PROTOCOL.detect(v.MOVING[:30]) == Detection.MORE
    assert PROTOCOL.detect(v.BINARY) == Detection.YES  # names the unit by its IMEI
    frame, reply = Device(Device.example_id).heartbeat()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply == b""
