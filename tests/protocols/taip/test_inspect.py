"""TAIP inspect: the unit from `;ID=`, the exact `>ACK` for a numbered report (Rinho's example
byte for byte), no reply without a number, both checksum conventions, strict auto-detection."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField
from fleetwire.protocols import gps103, gt06, pt502, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.taip import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_numbered_report_gets_the_documented_ack() -> None:
    assert inspect(v.RCY_RINHO) == (FrameKind.OTHER, "1234", v.ACK_RINHO)


@pytest.mark.parametrize(
    ("frame", "unit", "ack"),
    [
        (v.GP, "0005", b">ACK;#0002;ID=0005;*72<"),
        (v.GP_MINUTES, "5555", b">ACK;#7AD7;ID=5555;*70<"),
        (v.CV, "7196", b">ACK;#1DE2;ID=7196;*7E<"),
        (v.GP_IP, "8385", b">ACK;#IP0:0080;ID=8385;*68<"),
    ],
)
def test_numbered_reports(frame: bytes, unit: str, ack: bytes) -> None:
    assert inspect(frame) == (FrameKind.DATA, unit, ack)


@pytest.mark.parametrize("frame", [v.PV_DOC, v.PV, v.CP, v.LN, v.EV_TAGS, v.BR, v.EV])
def test_reports_without_a_number_get_no_reply(frame: bytes) -> None:
    kind, unit, ack = inspect(frame)
    assert (kind, ack) == (FrameKind.DATA, b"")
    assert unit == frame.split(b";ID=")[1].split(b";")[0].rstrip(b"<\r").decode()


def test_other_messages() -> None:
    assert inspect(v.AL) == (FrameKind.OTHER, "0017", b"")
    assert inspect(v.SRM_DOC) == (FrameKind.OTHER, None, b"")


def test_checksums() -> None:
    for frame in (v.PV, v.GP):  # the '*' summed (Trimble) and not (the dated firmwares)
        bad = frame.replace(b";ID=", b";ID=1")
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bad, Session())


def test_broken_sentences() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"RPV<", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b">rpv<", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b">RPV;ID=a b<", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(">RPVé<".encode(), Session())


def test_detect_real_first_frames() -> None:
    for frame in (v.PV, v.GP, v.EV_TAGS, v.US):
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:20]
    assert PROTOCOL.detect(v.PV[:20]) == Detection.MORE
    assert PROTOCOL.detect(v.SRM_DOC) == Detection.NO  # names no unit


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gps103.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(pt502.Device("6094").heartbeat()[0]) == Detection.NO


def test_example_device() -> None:
    frame, reply = Device(Device.example_id).report([])
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply == b""
