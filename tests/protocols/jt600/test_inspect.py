"""JT600 inspect: every frame names its unit; the exact replies text reports wait for; binary
records unanswered; strict detect() on the shared auto port."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, h02, teltonika, tk103, topflytech
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.jt600 import PROTOCOL

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


def test_binary_frames_name_the_unit_and_are_not_answered() -> None:
    assert inspect(v.SHORT_ONE) == (FrameKind.DATA, "3110216001", b"", 1)
    assert inspect(v.SHORT_SIX) == (FrameKind.DATA, "4081118888", b"", 6)
    assert inspect(v.LONG_35) == (FrameKind.DATA, "7560405553", b"", 1)


def test_text_replies() -> None:
    assert inspect(v.U01) == (FrameKind.DATA, "3301210003", b"(S39)", 1)
    assert inspect(v.U01.replace(b"U01", b"U03"))[2] == b"(S39)"
    assert inspect(v.U06) == (FrameKind.DATA, "3460311327", b"(S20)", 1)
    assert inspect(v.W01) == (FrameKind.DATA, "3110312099", b"", 1)
    assert inspect(v.HEARTBEAT) == (FrameKind.HEARTBEAT, "3460311327", b"", 0)
    assert inspect(v.U04) == (FrameKind.OTHER, "3301210003", b"", 0)
    assert inspect(v.U09)[:2] == (FrameKind.OTHER, "6221107674")
    assert inspect(b"(3301210003,S07,OK)")[0] == FrameKind.REPLY


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.SHORT_ONE[:-1], Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.U01[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"(33012100x3,U01)", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$\xaa" + v.SHORT_ONE[2:], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"*HQ,1#", Session())
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(b"", Session())


def test_detect() -> None:
    for frame in (v.SHORT_ONE, v.SHORT_SIX, v.LONG_35, v.LONG_52, v.U01, v.HEARTBEAT, v.U09):
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:12]
    for head in (b"", b"$", v.SHORT_ONE[:9], v.SHORT_ONE[:20], b"(", b"(33012", b"(3301210003,"):
        assert PROTOCOL.detect(head) == Detection.MORE, head
    for head in (
        b"(3301210003,ZZ9)",
        b"(013612345678BP05000013612345678HSO)",
        bytes.fromhex("24311021600119001B") + bytes(28),  # type nibble 9: no known layout
        teltonika.Device("356307042441013").login()[0],
        gt06.Device("123456789012345").login()[0],
        h02.Device("4106011660").login()[0],
        tk103.Device(tk103.Device.example_id).login()[0],
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head
    assert topflytech.PROTOCOL.detect(v.U01) == Detection.NO
