"""GPS103 inspect: identity from every message, the exact LOAD / ON answers, none for reports,
strict auto-detection, and the device's error for broken messages."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gps103 import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_logon_is_answered_load() -> None:
    assert inspect(v.DOC_LOGON) == (FrameKind.LOGIN, "359586015829802", b"LOAD")


def test_heartbeat_is_answered_on() -> None:
    assert inspect(v.DOC_HEARTBEAT) == (FrameKind.HEARTBEAT, "359586015829802", b"ON")
    assert inspect(v.DOC_HEARTBEAT + b"\r\n") == (FrameKind.HEARTBEAT, "359586015829802", b"ON")


def test_alternative_logon_is_answered_load_and_a_glued_heartbeat_on() -> None:
    assert inspect(v.ALT_LOGON) == (FrameKind.LOGIN, "123451234512345", b"LOAD")
    assert inspect(v.GLUED) == (FrameKind.DATA, "359769031878322", b"ON")


@pytest.mark.parametrize("frame", v.REPORTS, ids=lambda f: f[:30].decode())
def test_reports_are_not_answered(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.records) == (FrameKind.DATA, b"", 1)
    assert u.unique_id == frame[5:].split(b",")[0].decode()


def test_broken_messages() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.DOC_LOGON[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"imei:35958601582980x,tracker;", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"##,imi:359586015829802,A;", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect("imei:359586015829802,é;".encode(), Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"hello;", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"359586015829802;359586015829802;", Session())


def test_detect_real_first_messages() -> None:
    for frame in (v.DOC_LOGON, v.DOC_HEARTBEAT, v.TRACKER_LT, v.TEMP_KEYWORD, v.TRACKER_FULL):
        assert PROTOCOL.detect(frame) == Detection.YES, frame
    assert PROTOCOL.detect(Device("359586015829802").login()[0]) == Detection.YES
    assert PROTOCOL.detect(v.DOC_LOGON[:10]) == Detection.MORE
    assert PROTOCOL.detect(b"3595860158") == Detection.MORE


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    for head in (
        b"*HQ,4210051415,V1,164549,A,0956.3869,N,08406.7068,W,000.00,000,221215,FFFFFBFF#",
        b"(012345678901BP05000012345678901)",
        b"35958601582980;",  # 14 digits
        b"##,imei:35958601582980,A;",
        b"imei:3595860158298021,tracker,;",  # 16 digits
        b"imei:359586015829802;",  # no keyword
        b"$$A128,353358017784062,AAA,35,22.6,114.0,100630060310,A,7,9,0,0,0,0*54\r\n",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head


def test_example_id_logs_in_on_the_auto_port() -> None:
    frame, reply = Device(Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply
