"""Cellocator decoding: exact values from real Type 0 messages (the vendor's worked example
first), the sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, DeviceError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.cellocator import PROTOCOL, Device
from fleetwire.protocols.cellocator.framing import build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="549765", received=NOW)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:16].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_vendor_example() -> None:
    r = one(v.VENDOR_STATUS)
    assert (r.kind, r.valid, r.fix_time) == (RecordKind.POSITION, True, utc(2012, 9, 11, 16, 50, 9))
    # 0x0225E257 and 0x08E7FD9B 10^-8 rad; 7412 cm; 54 cm/s; 3039 mrad
    assert (r.latitude, r.longitude) == (pytest.approx(20.6477987), pytest.approx(85.6121943))
    assert (r.altitude, r.speed, r.course, r.satellites) == (74.12, 1.94, 174.12, 6)
    a = r.attributes
    assert (a["event"], a["status"], a["operator"]) == (32, 0, 40553)  # MCC 405, MNC 53
    assert (a["power"], a["battery"]) == (12.706, 4.068)  # 0x6C and 0xF7 steps
    assert (a["odometer"], a["input"], a["ignition"], a["sat"]) == (6703000, 0, False, 6)
    assert "alarm" not in a


def test_moving_south_west() -> None:
    r = one(v.DRIVETECH_MOVING)
    assert r.fix_time == utc(2016, 3, 12, 23, 42)
    assert (r.latitude, r.longitude) == (pytest.approx(-7.9533079), pytest.approx(-79.0909766))
    assert (r.altitude, r.speed, r.course, r.satellites) == (223.23, 84.96, 155.1, 9)
    a = r.attributes
    assert (a["power"], a["battery"], a["adc3"], a["adc4"]) == (28.118, 4.002, 198, 182)
    assert (a["operator"], a["odometer"], a["ignition"]) == (71610, 148770000, False)


def test_distress_button_is_an_sos_event() -> None:
    r = one(v.TRACCAR_DISTRESS)
    assert (r.kind, r.attributes["event"], r.attributes["alarm"]) == (RecordKind.EVENT, 70, "sos")
    assert r.fix_time == utc(2017, 2, 8, 15, 3, 1)
    assert (r.latitude, r.longitude) == (pytest.approx(32.1084305), pytest.approx(34.9698751))
    assert one(v.TRACCAR_REASON_54).kind is RecordKind.POSITION


def test_ignition() -> None:
    r = one(v.TRACCAR_IGNITION)
    assert r.attributes["ignition"] is True
    assert (r.speed, r.satellites, r.altitude) == (34.09, 15, 1592.5)
    assert one(v.DRIVETECH_NO_TIME).attributes["ignition"] is True


def test_no_fix_is_a_status() -> None:
    r = one(v.DRIVETECH_NO_FIX)
    assert (r.kind, r.valid, r.has_position) == (RecordKind.STATUS, False, False)
    assert r.fix_time == utc(2016, 6, 17, 17, 19, 31)
    r = one(v.DRIVETECH_NO_TIME)  # no GPS date at all: the receive time stands in
    assert (r.kind, r.fix_time, r.attributes["event"]) == (RecordKind.STATUS, NOW, 69)


def test_modular_gps_time_and_programmable_logic_modules() -> None:
    r = one(v.TRACCAR_MODULAR)
    assert (r.kind, r.valid, r.fix_time) == (
        RecordKind.POSITION,
        True,
        utc(2019, 7, 15, 21, 51, 49),
    )
    assert (r.latitude, r.longitude, r.altitude) == (-33.3615625, -70.5175066, 803.0)
    assert (r.satellites, r.attributes["hdop"], r.speed, r.course) == (9, 0.5, 0.04, 0.0)
    assert r.attributes["io16512"] == 0 and len([k for k in r.attributes if k[:2] == "io"]) == 20
    r = one(v.TRACCAR_MODULAR_LONG)  # the PL module before the GPS one; a non-zero PL value
    assert (r.latitude, r.longitude, r.fix_time) == (
        25.8049969,
        -80.3371775,
        utc(2014, 9, 4, 16, 10, 37),
    )
    assert r.attributes["io16388"] == 0x0ADA


def test_modular_without_time_or_with_a_short_module() -> None:
    head = bytearray(v.TRACCAR_MODULAR[4:-1])
    no_time = head.replace(bytes.fromhex("0707000131"), bytes.fromhex("0907000131"))
    r = one(build(bytes(no_time)))  # module 9 is not read: no date for the coordinates
    assert (r.kind, r.fix_time, r.has_position) == (RecordKind.STATUS, NOW, False)
    cut = bytes(head[:-1])  # the last module runs past the frame (length field fixed up)
    with pytest.raises(DeviceError):
        PROTOCOL.decode(build(cut[:9] + (len(cut) - 11).to_bytes(2, "little") + cut[11:]), CTX)


def test_other_types_decode_to_nothing() -> None:
    assert PROTOCOL.decode(build(b"\x03" + bytes(24)), CTX) == []


def test_malformed() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.VENDOR_STATUS[:-1] + b"\x00", CTX)
    bad_month = bytearray(v.VENDOR_STATUS[4:-1])
    bad_month[66 - 4] = 13
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(bytes(bad_month)), CTX)
    bad_course = bytearray(v.VENDOR_STATUS[4:-1])
    bad_course[61 - 4] = 0xFF
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(bytes(bad_course)), CTX)


def test_device_round_trip() -> None:
    dev = Device("549765")
    assert dev.login() == (b"", b"")
    sent = Record(
        fix_time=utc(2025, 3, 1, 8, 30, 15), valid=True, latitude=-33.8688197,
        longitude=151.2092955, altitude=58.3, speed=72.0, course=181.25, satellites=12,
        attributes={"ignition": True, "power": 12.9, "odometer": 1234000},
    )  # fmt: skip
    frame, expected = dev.report([sent, sent])
    frames = framer(PROTOCOL).feed(frame)
    assert len(frames) == 2
    session = Session()
    acks = b"".join(PROTOCOL.inspect(f, session).ack for f in frames)
    assert acks == expected
    got = one(frames[1])
    assert got.fix_time == sent.fix_time
    assert (got.latitude, got.longitude) == (pytest.approx(-33.8688197), pytest.approx(151.2092955))
    assert (got.altitude, got.speed, got.satellites) == (58.3, 72.0, 12)
    assert got.course == pytest.approx(181.25, abs=0.06)  # course travels in milliradians
    a = got.attributes
    assert (a["ignition"], a["odometer"]) == (True, 1234000)
    assert a["power"] == pytest.approx(12.9, abs=0.06)  # 30/255 V steps
    assert frames[1][11] == 1  # the numerator counts up
