"""Eelink decoding: exact values from real packages of both protocol generations, alarms, the
sanity check on every record, and the Device round trip over TCP and UDP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.eelink import PROTOCOL, Device
from fleetwire.protocols.eelink.framing import build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="352544071750518", received=NOW)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_real_package_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_v2_location_gps_cell_and_sensors() -> None:
    r = one(v.LOCATION_SENSORS)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2019, 1, 10, 12, 20, 12),
        True,
    )
    assert r.latitude == pytest.approx(45.616029, abs=1e-6)
    assert r.longitude == pytest.approx(-73.643853, abs=1e-6)
    assert (r.altitude, r.speed, r.course, r.satellites) == (22.0, 19.0, 148.0, 8)
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (302, 880, 11655, 105200750)
    assert (a["ignition"], a["armed"], a["blocked"]) == (True, False, True)
    assert (a["battery"], a["adc1"], a["odometer"], a["steps"]) == (4.447, 1393, 1771135, 787)
    assert a["temp2"] == 28.75


def test_v2_location_cell_only_is_a_status() -> None:
    r = one(v.LOCATION_CELL_TEMP2)
    assert (r.kind, r.fix_time, r.has_position) == (
        RecordKind.STATUS,
        utc(2019, 2, 6, 16, 27, 10),
        False,
    )
    assert (r.attributes["temp2"], r.attributes["battery"]) == (-50.0, 4.23)
    assert r.attributes["odometer"] == 2998688


def test_v2_location_short_and_wifi() -> None:
    r = one(v.LOCATION_SHORT)
    assert r.fix_time == utc(2017, 5, 30, 1, 27, 4)
    assert r.latitude == pytest.approx(1.390599, abs=1e-6)
    assert r.longitude == pytest.approx(103.767959, abs=1e-6)
    assert (r.speed, r.course, r.attributes["odometer"]) == (70.0, 92.0, 1612224)
    assert "steps" not in r.attributes  # the package ends after the mileage
    r = one(v.LOCATION_WIFI)
    assert r.latitude == pytest.approx(52.226844, abs=1e-6)
    assert (r.attributes["temp1"], r.attributes["cid"]) == (25.625, 13535)


def test_v2_warnings() -> None:
    r = one(v.WARNING_VIBRATION)
    assert (r.kind, r.fix_time) == (RecordKind.EVENT, utc(2018, 4, 16, 5, 54, 5))
    assert (r.attributes["alarm"], r.altitude, r.satellites) == ("vibration", -41.0, 7)
    assert r.latitude == pytest.approx(22.557965, abs=1e-6)
    assert one(v.WARNING_WIFI).attributes["alarm"] == "sos"
    r = one(v.WARNING_TEXT)
    assert r.kind is RecordKind.EVENT
    assert r.attributes["result"].startswith("振动报警!")


def test_v1_gps() -> None:
    r = one(v.GPS_FULL)
    assert (r.fix_time, r.valid) == (utc(2017, 1, 1, 0, 42, 30), True)
    assert r.latitude == pytest.approx(33.857021, abs=1e-6)
    assert r.longitude == pytest.approx(35.519288, abs=1e-6)
    a = r.attributes
    assert (a["battery"], a["rssi"], a["adc1"], a["blocked"]) == (4.421, 49, 337, True)
    r = one(v.GPS_OLD)
    assert (r.speed, r.course, r.attributes["mcc"]) == (15.0, 343.0, 520)
    r = one(v.GPS_TRAILING_BYTE)
    assert r.latitude == pytest.approx(-29.586654, abs=1e-6)  # south


def test_v1_alarms_and_states() -> None:
    r = one(v.ALARM_FENCE)
    assert (r.kind, r.fix_time) == (RecordKind.EVENT, utc(2016, 1, 20, 20, 49, 33))
    assert (r.attributes["alarm"], r.speed, r.course) == ("geofenceEnter", 6.0, 272.0)
    r = one(v.ALARM_E)
    assert (r.attributes["alarm"], r.valid) == ("vibration", False)
    r = one(v.STATE_C)
    assert (r.attributes["event"], r.attributes["ignition"], r.speed) == (1, True, 15.0)
    r = one(v.STATE_NO_FIX)
    assert (r.kind, r.has_position, r.attributes["mcc"]) == (RecordKind.STATUS, False, 460)


def test_heartbeat_and_obd() -> None:
    r = one(v.HEARTBEAT_A)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {"status": 0x6E, "ignition": True, "armed": False, "blocked": True}
    r = one(v.OBD_PIDS)
    assert (r.fix_time, r.attributes["io12"], r.attributes["io0"]) == (
        utc(2013, 1, 1, 0, 4, 36), 0x4E200000, 0xFFFFFFFF,
    )  # fmt: skip


def test_instruction_answers() -> None:
    r = one(v.ANSWER_WEST)
    assert r.attributes == {
        "result": "Lat:N31.83955,Lon:W82.61346,Course:0.00,Speed:0.00km/h,"
        "DateTime:2017-12-02 11:29:43"
    }
    assert one(v.ANSWER_NEWLINES).attributes["result"].startswith("Lat:N23.111743\nLon:E114")


def test_packages_without_records() -> None:
    for frame in (v.LOGIN_V2, v.UDP_LOGIN, build(0x06, 1, b"\x01\x02"), build(0x1A, 2)):
        assert PROTOCOL.decode(frame, CTX) == []


def test_malformed_content() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(0x12, 1, v.LOCATION_SHORT[7:27]), CTX)  # inside the GPS block
    with pytest.raises(InvalidField):  # mask bit 7: a block of unknown size
        PROTOCOL.decode(build(0x12, 1, bytes.fromhex("5c5b0ade80") + bytes(20)), CTX)
    bad_lat = bytes.fromhex("5c5b0ade010a000000000000000000000000000000") + bytes(8)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(0x12, 1, bad_lat), CTX)


@pytest.mark.parametrize("transport", [Transport.TCP, Transport.UDP])
def test_device_round_trip(transport: Transport) -> None:
    dev = Device("352544071750518", transport)
    session = Session(transport=transport)
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("352544071750518", expected)
    sent = Record(
        fix_time=utc(2025, 6, 1, 10, 0, 0), valid=True, latitude=-33.868819, longitude=151.209295,
        altitude=58.0, speed=72.0, course=181.0, satellites=11,
        attributes={"ignition": True, "battery": 4.1, "odometer": 1234567},
    )  # fmt: skip
    frame, expected = dev.report([sent])
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind.value, up.ack) == ("data", expected)
    got = one(frame)
    assert (got.fix_time, got.valid, got.speed, got.course, got.altitude, got.satellites) == (
        sent.fix_time, True, 72.0, 181.0, 58.0, 11,
    )  # fmt: skip
    assert got.latitude == pytest.approx(-33.868819, abs=1e-6)
    assert got.longitude == pytest.approx(151.209295, abs=1e-6)
    a = got.attributes
    assert (a["ignition"], a["battery"], a["odometer"]) == (True, 4.1, 1234567)
    frame, expected = dev.heartbeat()
    assert PROTOCOL.inspect(frame, session).ack == expected != b""
    assert dev.report([])[1] != b""  # an empty report is a heartbeat


def test_a_zero_time_is_an_invalid_field() -> None:
    """TRACCAR's OBD package OBD_SHORT_IDS with its time (u32 seconds since 1970, the first
    content field) set to 0: the fuzz contract found records dated 1970-01-01. The field is
    read as the document gives it; a device without a clock is the device's error."""
    bad = v.OBD_SHORT_IDS[:7] + bytes(4) + v.OBD_SHORT_IDS[11:]
    with pytest.raises(InvalidField, match=r"fix time 1970-01-01T00:00:00\+00:00 before 2000"):
        PROTOCOL.decode(bad, CTX)
    assert decode_sane(PROTOCOL, v.OBD_SHORT_IDS, CTX)  # the package as captured decodes
