"""Castel decoding: exact values from real frames (positions, trip statistics, alarms), the
sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.castel import PROTOCOL, Device
from fleetwire.protocols.castel.framing import build
from fleetwire.protocols.castel.obd import dtc
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="213EP2016000585", received=NOW)
ID = v.HEARTBEAT[5:25]


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def records(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[25:27].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    records(frame)


def test_vendor_sample_login() -> None:
    # the vendor's annotations: 02/07/19 10:32:10, flag AF = east, north, 3D fix, 10 satellites
    (r,) = records(v.LOGIN_SAMPLE)
    assert (r.kind, r.fix_time, r.valid, r.satellites) == (
        RecordKind.POSITION,
        utc(2019, 7, 2, 10, 32, 10),
        True,
        10,
    )
    assert r.latitude == pytest.approx(0x02C38332 / 3_600_000)
    assert r.longitude == pytest.approx(0x10A90730 / 3_600_000)
    assert (r.speed, r.course) == (round(573 * 0.036, 2), 162.8)  # 3D02, 5C06
    a = r.attributes
    assert (a["odometer"], a["tripOdometer"], a["fuelUsed"], a["tripFuelUsed"]) == (
        15727,
        528,
        4.5,
        0.1,
    )
    assert (a["status"], a["ignition"]) == (0x00040000, True)  # "S2 bit 2: ACC ON"


def test_login_and_logout_without_fix_give_no_record() -> None:
    # the session says the device is online; every later report repeats the statistics
    assert records(v.LOGIN_V4) == []
    assert records(v.LOGOUT) == []


def test_version_3_login_south_west() -> None:
    (r,) = records(v.LOGIN_V3)
    assert r.fix_time == utc(2017, 7, 28, 14, 17, 13)
    assert (r.latitude, r.longitude, r.course, r.satellites) == (-33.02477, -71.55549, 131.0, 8)


def test_gps_data_with_rpm() -> None:
    (r,) = records(v.GPS_SHENZHEN)
    assert r.fix_time == utc(2013, 10, 25, 4, 18, 4)
    assert (r.latitude, r.longitude, r.valid, r.satellites) == (22.54621, 113.93746, True, 9)
    assert (r.attributes["rpm"], r.attributes["odometer"], r.attributes["fuelUsed"]) == (
        1000,
        1151388,
        336.41,
    )
    (r,) = records(v.GPS_MOVING)
    assert (r.latitude, r.longitude) == (-38.88683, -62.099185)
    assert (r.speed, r.course, r.attributes["rpm"]) == (26.24, 341.2, 0)


def test_alarms() -> None:
    (r,) = records(v.ALARM_POWER_ON)
    assert (r.kind, r.attributes["alarm"], r.attributes["index"]) == (
        RecordKind.EVENT,
        "powerOn",
        1,
    )
    assert (r.attributes["event"], r.attributes["ignition"]) == (0x09, True)  # 0x16 too
    assert (r.latitude, r.longitude) == (22.54779, 113.93124)
    (r,) = records(v.ALARM_POWER_OFF)
    assert (r.attributes["alarm"], r.attributes["index"], r.valid) == ("powerOff", 8, False)
    assert (r.latitude, r.longitude) == (-33.78483166666667, 151.26982666666666)


def test_statistics_only_and_undecoded() -> None:
    (r,) = records(v.PID_DATA)
    assert (r.kind, r.fix_time, r.attributes["tripOdometer"]) == (
        RecordKind.STATUS,
        utc(2016, 9, 6, 5, 50, 25),
        898,
    )
    assert records(v.HEARTBEAT) == []


def test_query_answer_dtcs_and_comprehensive_report() -> None:
    (r,) = records(v.QUERY_REPLY)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS,
        NOW,
        {"result": "MALC381CMKM567148"},
    )
    assert dtc(0x0326) == "P0326" and dtc(0x5351) == "C1351" and dtc(0xC001) == "U0001"


def test_cc_firmware_login() -> None:
    (r,) = records(v.GPS_V5)  # version 5: the CC firmware's login, a GPS item and the unit state
    assert (r.kind, r.fix_time) == (RecordKind.POSITION, utc(2018, 2, 4, 16, 42, 47))
    assert (r.latitude, r.longitude) == pytest.approx((12.009418, -86.31976))
    assert set(r.attributes) == {"status", "odometer", "lac", "cid"}
    assert PROTOCOL.inspect(v.GPS_V5, Session()).ack == build(5, v.GPS_V5[5:25], 0x8001)


def test_malformed_frames() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.LOGOUT[:-3] + b"\x00\r\n", CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(4, ID, 0x1002, bytes(20)), CTX)
    stat = bytes(34)
    bad_date = bytes((1, 0, 0, 0, 0, 0)) + bytes(13)  # month 0
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(4, ID, 0x1001, stat + b"\x01" + bad_date), CTX)
    far = bytes((1, 1, 20, 0, 0, 0)) + (91 * 3_600_000).to_bytes(4, "little") + bytes(9)
    with pytest.raises(InvalidField):  # latitude 91 degrees
        PROTOCOL.decode(build(4, ID, 0x1001, stat + b"\x01" + far), CTX)


def test_device_round_trip() -> None:
    dev = Device("213GDP2018021343")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("213GDP2018021343", expected)
    sent = [
        Record(
            fix_time=utc(2025, 6, 1, 10, 0, 0), valid=True, latitude=-33.868819,
            longitude=151.209295, speed=72.5, course=181.3, satellites=11,
            attributes={"rpm": 2100},
        ),
        Record(
            fix_time=utc(2025, 6, 1, 10, 0, 30), latitude=0.5, longitude=-0.5,
            attributes={"odometer": 1234567, "ignition": True},
        ),
    ]  # fmt: skip
    frame, expected = dev.report(sent)
    assert fr.feed(frame[:5]) == [] and fr.feed(frame[5:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind.value, up.ack, up.records) == ("data", expected, 2)
    got = records(frame)
    assert [(r.fix_time, r.valid) for r in got] == [(s.fix_time, s.valid) for s in sent]
    assert got[0].latitude == pytest.approx(-33.868819, abs=1e-6)
    assert got[1].longitude == pytest.approx(-0.5, abs=1e-6)
    assert got[0].speed == pytest.approx(72.5, abs=0.04)
    assert (got[0].course, got[0].satellites, got[0].attributes["rpm"]) == (181.3, 11, 2100)
    # one STAT_DATA per frame (the last record's), shared by every fix in it
    assert [(r.attributes["odometer"], r.attributes["ignition"]) for r in got] == [
        (1234567, True),
        (1234567, True),
    ]
    assert PROTOCOL.inspect(dev.heartbeat()[0], session).ack == dev.heartbeat()[1]
    assert dev.report([]) == dev.heartbeat()
