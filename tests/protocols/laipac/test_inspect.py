"""Laipac inspect: the unit in every sentence, the exact `$EAVACK` for a lower-case status, the
`$ECHK` echo, the checksum check, strict auto-detection."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gps103, megastek, pt502, taip
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.laipac import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_lower_case_status_gets_eavack_with_event_and_checksum() -> None:
    assert inspect(v.RMC_CELL) == (FrameKind.DATA, "80006405", b"$EAVACK,a,78*75\r\n")
    assert inspect(v.RMC_LOWER) == (FrameKind.DATA, "99999999", b"$EAVACK,0,17*2D\r\n")
    assert inspect(v.NRF_RMC) == (FrameKind.DATA, "80004680", b"$EAVACK,a,7D*09\r\n")


def test_upper_case_status_gets_no_reply() -> None:
    assert inspect(v.RMC_VOLTS) == (FrameKind.DATA, "99999999", b"")
    assert inspect(v.RMC_SOS) == (FrameKind.DATA, "358174067149865", b"")


def test_keepalive_is_echoed_and_system_information_is_not_answered() -> None:
    assert inspect(v.ECHK) == (FrameKind.HEARTBEAT, "99999999", v.ECHK)
    assert inspect(v.AVSYS) == (FrameKind.OTHER, "99999999", b"")
    assert inspect(v.EAVSYS) == (FrameKind.OTHER, "MSG00002", b"")


def test_broken_sentences() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.ECHK.replace(b"*35", b"*36"), Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(b"$ECHK,99999999,0\r\n", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"ECHK,1*00\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$ECHK*05\r\n", Session())  # names no unit
    with pytest.raises(InvalidField):
        PROTOCOL.inspect("$ECHK,é*00\r\n".encode(), Session())


def test_detect() -> None:
    for frame in (v.RMC_CELL, v.AVSYS, v.ECHK):
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:20]
    assert PROTOCOL.detect(v.ECHK[:8]) == Detection.MORE
    assert PROTOCOL.detect(gps103.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(pt502.Device("6094").heartbeat()[0]) == Detection.NO
    assert PROTOCOL.detect(taip.Device("1234").heartbeat()[0]) == Detection.NO
    assert PROTOCOL.detect(megastek.Device("1").heartbeat()[0]) == Detection.NO
    rmc = b"$GPRMC,092204.999,A,4250.5589,S,14718.5084,E,0.00,89.68,211200,,A*25\r\n"
    assert PROTOCOL.detect(rmc) == Detection.NO


def test_example_device() -> None:
    frame, reply = Device(Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply
