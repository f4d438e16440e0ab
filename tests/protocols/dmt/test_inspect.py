"""Digital Matter inspect: the IMEI of the hello and its response, no answer to data records,
the commit response to the commit request (vendor protocol: the device deletes what it sent only
when that comes), the canned answers, and the device's error for broken envelopes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.dmt import PROTOCOL, Device
from fleetwire.protocols.dmt.framing import build
from fleetwire.protocols.galileo import Device as GalileoDevice
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v

# 02 55, type 01, length 08 00, UTC time (0: no clock here), flags 0
HELLO_RESPONSE = bytes.fromhex("02550108000000000000000000")
COMMIT_RESPONSE = bytes.fromhex("025506010001")  # 02 55, type 06, length 1, success


@pytest.mark.parametrize(
    ("frame", "imei"),
    [
        (v.HELLO, "353323081669730"),
        (v.HELLO_SIM, "353323081669730"),
        (v.HELLO_LONG, "353229027539251"),
    ],
)
def test_hello_identifies_and_is_answered(frame: bytes, imei: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(FrameKind.LOGIN, unique_id=imei, ack=HELLO_RESPONSE)


@pytest.mark.parametrize(
    ("frame", "count"),
    [
        (v.TWO_RECORDS, 2),
        (v.SEVEN_RECORDS, 7),
        (v.TWELVE_RECORDS, 12),
        (v.DEBUG_RECORDS, 20),
        (v.PERTH, 1),
    ],
)
def test_data_records_get_no_answer(frame: bytes, count: int) -> None:
    assert PROTOCOL.inspect(frame, Session()) == Uplink(FrameKind.DATA, records=count)


def test_commit_request_gets_the_commit_response() -> None:
    up = PROTOCOL.inspect(bytes.fromhex("0255050000"), Session())
    assert (up.kind, up.ack, up.store) == (FrameKind.OTHER, COMMIT_RESPONSE, True)


def test_canned_and_unanswered_messages() -> None:
    version = build(0x14, bytes(17))
    assert PROTOCOL.inspect(version, Session()).ack == v.VERSION_RESPONSE
    assert PROTOCOL.inspect(v.ASYNC_SESSION, Session()).ack == bytes.fromhex("0255230000")
    for frame in (build(0x30), build(0x26), build(0x99, b"\x01")):
        assert PROTOCOL.inspect(frame, Session()) == Uplink(FrameKind.OTHER)
    for frame, n in ((v.COMPACT_ONE, 1), (v.COMPACT_TWO, 2)):
        assert PROTOCOL.inspect(frame, Session()) == Uplink(FrameKind.DATA, records=n)


def test_broken_records_are_still_stored() -> None:
    # a refused 0x04 followed by an answered commit would be lost: only the count stops short
    broken = build(4, v.PERTH[5:] + b"\x3d\x00\x01")
    assert PROTOCOL.inspect(broken, Session()) == Uplink(FrameKind.DATA, records=1)


def test_broken_envelopes_and_hellos() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HELLO[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.HELLO + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x02\x54" + v.HELLO[2:], Session())
    with pytest.raises(TruncatedFrame):  # a hello shorter than its layout
        PROTOCOL.inspect(build(0, v.HELLO[5:-1]), Session())
    bad_imei = v.HELLO[:9] + b"35332308166973X" + v.HELLO[24:]
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(bad_imei, Session())
    with pytest.raises(InvalidField):  # no IMEI at all
        PROTOCOL.inspect(v.HELLO[:9] + bytes(16) + v.HELLO[25:], Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.HELLO + v.TWO_RECORDS) is Detection.YES
    assert PROTOCOL.detect(v.HELLO[:20]) is Detection.MORE
    assert PROTOCOL.detect(v.TWO_RECORDS) is Detection.NO  # no identity before the hello
    for other in (TeltonikaDevice, Gt06Device, GalileoDevice):
        assert PROTOCOL.detect(other("356307042441013").login()[0]) is Detection.NO


def test_hello_response_carries_the_receive_time() -> None:
    # 2026-11-26T12:00:00Z is 438,696,000 s after the Digital Matter epoch (2013-01-01T00:00Z)
    received = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    up = PROTOCOL.inspect(v.HELLO, Session(received_us=int(received.timestamp() * 1e6)))
    assert up.ack == bytes.fromhex("0255010800") + (438_696_000).to_bytes(4, "little") + bytes(4)
    device = Device("353323081669730")
    assert device.accepts(device.login()[1], up.ack)
    assert not device.accepts(device.login()[1], up.ack[:-1] + b"\x01")  # flags must match
