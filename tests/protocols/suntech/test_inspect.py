"""Suntech inspect: identity from the device id field, no server replies, command answers as
REPLY, the model prefix kept for commands, strict detection, broken reports."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gl200 import Device as QueclinkDevice
from fleetwire.protocols.suntech import PROTOCOL
from fleetwire.protocols.suntech.inspect import PREFIX_KEY

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_reports_carry_their_id_and_get_no_reply() -> None:
    assert inspect(v.ST300_STT) == (FrameKind.DATA, "205173382", b"")
    assert inspect(v.SA200_EMG) == (FrameKind.DATA, "317652", b"")
    assert inspect(v.UNIVERSAL_STT) == (FrameKind.DATA, "0560001616", b"")
    assert inspect(v.ST910_LOCATION) == (FrameKind.DATA, "205576803", b"")
    assert inspect(v.FRAME_UEX) == (FrameKind.DATA, "008728327", b"")


def test_keep_alive_is_a_heartbeat_without_reply() -> None:
    assert inspect(v.SA200_ALV) == (FrameKind.HEARTBEAT, "317652", b"")
    assert inspect(v.FRAME_ALV) == (FrameKind.HEARTBEAT, "008728327", b"")
    assert PROTOCOL.inspect(v.SA200_ALV, Session()).records == 0


def test_command_answers_are_replies() -> None:
    assert inspect(v.DOC_REBOOT_RES) == (FrameKind.REPLY, "100850000", b"")


def test_binary_reports_are_data_without_a_reply() -> None:
    assert inspect(v.BINARY_81) == (FrameKind.DATA, "0520001338", b"")
    assert inspect(v.BINARY_82) == (FrameKind.DATA, "0580000055", b"")


def test_model_prefix_is_kept_for_commands() -> None:
    s = Session()
    PROTOCOL.inspect(v.ST600_STT, s)
    assert s.state[PREFIX_KEY] == "ST600"
    s = Session()
    PROTOCOL.inspect(v.UNIVERSAL_STT, s)
    assert PREFIX_KEY not in s.state


def test_broken_reports() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.ST300_STT[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"ST300XYZ;205173382\r", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"ST300STT;205173382\r;1\r", Session())  # CR inside a non-UEX report
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"ST300STT;abc\r", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"ST300STT;205173382;\xff\r", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.BINARY_81[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.BINARY_81 + b"\x00", Session())


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(v.ST300_STT + v.SA200_ALV) == Detection.YES
    assert PROTOCOL.detect(v.FRAME_ALV) == Detection.YES
    assert PROTOCOL.detect(v.UNIVERSAL_STT) == Detection.YES
    assert PROTOCOL.detect(b"ST300S") == Detection.MORE
    assert PROTOCOL.detect(v.ST300_STT[:40]) == Detection.MORE
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(QueclinkDevice("862894020178276").login()[0]) == Detection.NO
    assert PROTOCOL.detect(b"imei:359586015829802,tracker,0809231929,,F;") == Detection.NO
    assert PROTOCOL.detect(b"STT;abc;\r") == Detection.NO
    assert PROTOCOL.detect(v.BINARY_81) == Detection.NO  # one start byte is too weak
