"""GPS103 decoding: exact values from real messages for every layout decoded (GPS report,
cell-only report, OBD, logon/heartbeat), the alarm keywords, the local/UTC date correction,
and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.gps103 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="359586015829802", received=NOW)
KN = 1.852


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:30].decode())
def test_every_real_message_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


@pytest.mark.parametrize(
    ("frame", "when", "lat", "lon"),
    [
        (v.TRACKER_LT, utc(2015, 10, 30, 0, 1, 1), 54.72306, 25.21512),
        (v.TRACKER_DAY_BEFORE, utc(2015, 10, 26, 23, 59, 57), 24.49193, 44.40971),
        (v.TRACKER_FI, utc(2015, 10, 27, 1, 15, 31), 60.33830, 25.10323),
    ],
)
def test_traccar_expected_positions(frame: bytes, when: datetime, lat: float, lon: float) -> None:
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, when, True)
    assert (r.latitude, r.longitude) == (pytest.approx(lat, abs=1e-5), pytest.approx(lon, abs=1e-5))


def test_full_report_fields() -> None:
    r = one(v.TRACKER_FULL)
    assert (r.course, r.altitude, r.speed) == (30.1, 65.43, 0.0)
    assert r.attributes == {
        "ignition": True, "door": False, "fuel1": 10.5, "fuel2": 0.0, "temp1": 28.0,
    }  # fmt: skip
    r = one(v.TRACKER_WEST_FAST)
    assert r.fix_time == utc(2016, 6, 28, 18, 29, 49)  # local clock 8 h ahead, past midnight
    assert r.longitude == pytest.approx(-(113 + 28.8029 / 60))
    assert r.speed == pytest.approx(65.26 * KN, abs=0.01)
    assert r.attributes["fuel1"] == 31.37
    assert "fuel2" not in r.attributes  # "51442" without "%": not a fuel level


def test_time_and_coordinate_variants() -> None:
    r = one(v.TRACKER_SHORT_TIME)  # hhmmss without fraction, five-decimal minutes
    assert r.fix_time == utc(2020, 12, 23, 6, 49, 47)
    assert r.latitude == pytest.approx(19 + 35.70640 / 60)
    r = one(v.TRACKER_SLASH_DATE)  # "13/02/27 23:40" local clock
    assert r.fix_time == utc(2013, 2, 27, 12, 59, 52)
    assert r.latitude == pytest.approx(-(34 + 50.9430 / 60))
    r = one(v.TRACKER_NO_HEMISPHERE)
    assert r.longitude == pytest.approx(68 + 55.2912 / 60)  # empty E/W read as east
    r = one(v.TRACKER_SWAPPED)  # "N,5306.64155,E,00700.77848"
    assert (r.latitude, r.longitude) == (
        pytest.approx(53 + 6.64155 / 60), pytest.approx(7 + 0.77848 / 60),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("frame", "alarm"),
    [
        (v.DOC_SOS, "sos"),
        (v.DOC_LOW_BATTERY, "lowBattery"),
        (v.DOC_STOCKADE, "geofence"),
        (v.DOC_MOVE, "movement"),
        (v.DOC_SPEED, "overspeed"),
        (v.AC_ALARM, "powerCut"),
        (v.BONNET, "bonnet"),
        (v.TEMP_KEYWORD, "temperature"),
    ],
)
def test_alarm_keywords(frame: bytes, alarm: str) -> None:
    r = one(frame)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, alarm)


def test_documented_sos_example() -> None:
    r = one(v.DOC_SOS)
    assert r.fix_time == utc(2008, 9, 23, 6, 29, 47)
    assert r.latitude == pytest.approx(22 + 34.4026 / 60)
    assert r.longitude == pytest.approx(113 + 54.3277 / 60)
    assert one(v.TEMP_KEYWORD).attributes["temp1"] == 28.0


def test_cell_only_reports() -> None:
    r = one(v.DOC_SOS_NO_GPS)
    assert (r.kind, r.fix_time, r.has_position, r.attributes) == (
        RecordKind.EVENT, NOW, False, {"alarm": "sos"},
    )  # fmt: skip
    assert one(v.AC_ALARM_CELL).attributes == {"lac": 0x296A, "cid": 0x51F7, "alarm": "powerCut"}
    assert one(v.HELP_ME_CELL).attributes == {"lac": 0x113B, "cid": 0x558F, "alarm": "sos"}


def test_acc_and_rfid_keywords() -> None:
    assert one(v.ACC_ON).attributes["ignition"] is True
    r = one(v.ACC_OFF)
    assert (r.attributes["ignition"], r.attributes["door"]) == (False, True)  # keyword wins
    assert one(v.RFID).attributes["driverUniqueId"] == "49121185"


def test_obd() -> None:
    r = one(v.OBD)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2016, 6, 29, 2, 29, 49))
    assert r.attributes == {
        "obdOdometer": 51442000, "obdSpeed": 122.0, "engineLoad": 40.39, "coolantTemp": 95.0,
        "throttle": 0.0, "rpm": 2101.0, "power": 13.8,
    }  # fmt: skip
    assert one(v.OBD_DTCS).attributes["dtcs"] == "P0134 P0571"
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.OBD, ctx).fix_time == utc(2016, 6, 28, 18, 29, 49)  # only a local clock


def test_logon_heartbeat_and_unknown_layouts() -> None:
    for frame in (v.DOC_LOGON, v.DOC_HEARTBEAT, v.ALT_LOGON):
        assert PROTOCOL.decode(frame, CTX) == []  # nothing to store: inspect answers them
    assert PROTOCOL.decode(b"imei:864180034124375,vr,0c00fa011ea05a03d7;", CTX) == []


def test_alternative_report() -> None:
    r = one(v.ALT_REPORT)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2018, 10, 24, 21, 47, 34),
        True,
    )
    assert (r.latitude, r.longitude, r.altitude) == (-33.42317, -70.6193, 674.0)
    assert (r.speed, r.course, r.satellites) == (67.0, 229.0, 8)  # km/h on the wire
    assert r.attributes == {"rssi": 26, "hdop": 1.0, "ignition": False, "charge": True}
    r = one(v.ALT_REPORT_NO_FIX)  # the last fix again, flagged invalid
    assert (r.valid, r.satellites, r.attributes["hdop"]) == (False, 0, 99.9)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.ALT_REPORT.replace(b",26,", b",x,"), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.ALT_REPORT.replace(b",241018,", b",241318,"), CTX)


def test_heartbeat_glued_to_a_report_decodes_the_report() -> None:
    r = one(v.GLUED)
    assert (r.latitude, r.longitude) == (pytest.approx(-16.920322), pytest.approx(145.77787))


def test_dtc_and_fuel_leak_keywords() -> None:
    head = b"imei:353451044508750,"
    tail = b",0809231929,,F,055403.000,A,2233.1870,N,11354.3067,E,0.00,30.1,,1,0,10.5%,P0021,;"
    a = one(head + b"DTC" + tail).attributes
    assert (a["alarm"], a["dtcs"], a["fuel1"]) == ("fault", "P0021", 10.5)
    assert "fuel2" not in a
    a = one(head + b"oil 51.67" + tail).attributes
    assert (a["alarm"], a["fuelLevel"]) == ("fuelLeak", 51.67)
    assert one(head + b"oil1" + tail).attributes["alarm"] == "fuelLeak"


def test_report_without_gps_cell_or_clock_is_a_bare_status() -> None:
    r = one(b"imei:359586015829802,tracker,000000000,13554900601,L,;")
    assert (r.kind, r.fix_time, r.attributes) == (RecordKind.STATUS, NOW, {})


@pytest.mark.parametrize(
    "frame",
    [
        b"imei:1234567890,tracker,1510300801,,F,000101.000,A,9443.3834,N,02512.9071,E,0.00,0;",
        b"imei:1234567890,tracker,1510300801,,F,000101.000,A,5463.3834,N,02512.9071,E,0.00,0;",
        b"imei:1234567890,tracker,1510300801,,F,000101.000,A,5443.3834,X,02512.9071,E,0.00,0;",
        b"imei:1234567890,tracker,1510300801,,F,000101.000,A,5443.3834,N,02512.9071,E,999,0;",
        b"imei:1234567890,tracker,1510300801,,F,000101.000,A,5443.3834,N,02512.9071,E,0,361;",
        b"imei:1234567890,tracker,1510300801,,F,250101.000,A,5443.3834,N,02512.9071,E,0,0;",
        b"imei:1234567890,tracker,1510300801,,F,000101.000,A,,N,02512.9071,E,0.00,0;",
        b"imei:1234567890,help me,,,L,,,11xb,,558f,,,;",
    ],
)
def test_out_of_range_fields_are_invalid(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_device_round_trip() -> None:
    dev = Device("359586015829802")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack, expected) == ("359586015829802", b"LOAD", b"LOAD")

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.0, course=359.5, altitude=42.0,
        attributes={"ignition": True, "door": False},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid, r.course, r.altitude) == (
        RecordKind.POSITION, fix.fix_time, True, 359.5, 42.0,
    )  # fmt: skip
    assert r.speed == pytest.approx(87.0, abs=0.02)  # two-decimal knots on the wire
    assert r.latitude == pytest.approx(fix.latitude, abs=2e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=2e-6)
    assert r.attributes == fix.attributes

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b"ON"
    assert dev.report([]) == dev.heartbeat()
    with pytest.raises(ValueError, match="one fix per message"):
        dev.report([fix, fix])
