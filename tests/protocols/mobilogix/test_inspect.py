"""Mobilogix inspect: the unit, the exact `[<time>,S<n>]` answers (`,1` to a login), strict
refusal of broken messages, auto-detection."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols import gps103, laipac, megastek, wondex
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.mobilogix import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_answers() -> None:
    assert inspect(v.LOGIN) == (FrameKind.LOGIN, "201951132031", b"[2020-12-01 14:00:22,S1,1]")
    assert inspect(v.HEARTBEAT) == (FrameKind.DATA, "201909000982", b"[2021-08-20 19:27:14,S14]")
    assert inspect(v.VIBRATION) == (FrameKind.DATA, "201951132044", b"[2020-10-25 20:45:09,S9]")
    assert inspect(v.SHORT_T8)[2] == b"[2020-10-25 20:44:08,S8]"
    assert inspect(b"[2020-10-25 20:44:08,T6,1,V1,201951132044]")[2] == b""


def test_broken_messages() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"2020-10-25]", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"[2020-13-25 20:44:08,T8,1,V1,1]", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"[2020-10-25 20:44:08,X8,1,V1,1]", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"[2020-10-25 20:44:08,T8,1,V1,a b]", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"[2020-10-25 20:44:08,T8]", Session())


def test_detect() -> None:
    for frame in v.WHOLE:
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:30]
    assert PROTOCOL.detect(v.LOGIN[:30]) == Detection.MORE
    for other in (
        gps103.Device("123456789012345").login()[0],
        laipac.Device("1").login()[0],
        megastek.Device("1").heartbeat()[0],
        wondex.Device("1").heartbeat()[0],
    ):
        assert PROTOCOL.detect(other) == Detection.NO  # fmt: skip


def test_example_device() -> None:
    frame, reply = Device(Device.example_id).login()
    assert PROTOCOL.inspect(frame, Session()).ack == reply
