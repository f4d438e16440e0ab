"""Xirgo inspect: the unit id of every message, no reply (the documents define none), strict
auto-detection, and the device's error for broken messages."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gps103, gt06, meitrack, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.xirgo import PROTOCOL, Device

from . import vectors as v


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].decode())
def test_every_message_carries_its_unit_id_and_needs_no_reply(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.reject, u.records) == (FrameKind.DATA, b"", b"", 1)
    assert u.unique_id == frame[2:].split(b",")[0].decode()


def test_identities() -> None:
    assert PROTOCOL.inspect(v.XT2150_4003, Session()).unique_id == "357207059646786"
    assert PROTOCOL.inspect(v.FORM_A_4002, Session()).unique_id == "183900034"


def test_broken_messages() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.XT2150_4003[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$$35720705964678x!,4003##", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$$12345,4003##", Session())  # too short for a unit id
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"hello##", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"$$357207059646786,4003##$$357207059646786,4003##", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect("$$357207059646786,é##".encode(), Session())


def test_detect_real_first_messages() -> None:
    for frame in (v.XT2150_4003, v.XT2060_6031, v.FORM_A_4002, v.LONG_6011):
        assert PROTOCOL.detect(frame) == Detection.YES, frame
    assert PROTOCOL.detect(Device(Device.example_id).report([])[0]) == Detection.YES
    assert PROTOCOL.detect(v.XT2150_4003[:10]) == Detection.MORE
    assert PROTOCOL.detect(v.XT2150_4003[:40]) == Detection.MORE


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gps103.Device("359586015829802").login()[0]) == Detection.NO
    meitrack_first = meitrack.Device(meitrack.Device.example_id).login()[0]
    meitrack_first = meitrack_first or meitrack.Device(meitrack.Device.example_id).report([])[0]
    assert PROTOCOL.detect(meitrack_first) == Detection.NO
    for head in (
        b"$$A128,353358017784062,AAA,35,22.6,114.0,100630060310,A,7,9,0,0,0,0*54\r\n",
        b"$$357207059646786,400,2015/05/19##",  # 3-digit event
        b"$$1234567890123456789012,4003,##",  # 22-character id
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head
