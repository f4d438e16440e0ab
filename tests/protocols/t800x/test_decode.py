"""T880x decoding: exact values from real frames of the four families (vehicle old/new, OBD,
asset), alarms, LBS-only records, login versions, network information, command answers, and
the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.t800x import PROTOCOL, Device
from fleetwire.protocols.t800x.framing import build_frame
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="357367031063979", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:7].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_old_vehicle_location() -> None:
    r = one(v.OLD_LOCATION)
    assert (r.kind, r.valid, r.fix_time) == (
        RecordKind.POSITION,
        True,
        utc(2015, 10, 28, 13, 50, 47),
    )
    assert (r.latitude, r.longitude) == pytest.approx((18.591219, 73.752579))
    assert (r.altitude, r.speed, r.course, r.satellites) == (565.77, 11.6, 56.0, 10)
    a = r.attributes
    assert (a["ignition"], a["odometer"], a["batteryLevel"], a["archive"]) == (
        True,
        165291,
        100,
        False,
    )
    assert (a["adc1"], a["adc2"]) == (0.95, 0.94)


def test_old_vehicle_alarm() -> None:
    r = one(v.OLD_ALARM)
    assert (r.kind, r.fix_time) == (RecordKind.EVENT, utc(2015, 10, 22, 12, 16, 48))
    assert (r.attributes["alarm"], r.attributes["event"]) == ("powerCut", 1)
    assert (r.latitude, r.longitude, r.course) == pytest.approx((18.596584, 73.793228, 272))


def test_lbs_only_records_have_no_position() -> None:
    for frame, time in ((v.OLD_LBS, utc(2016, 1, 8, 11, 54, 25)),
                        (v.OLD_LBS_2, utc(2015, 10, 28, 14, 59, 6))):  # fmt: skip
        r = one(frame)
        assert (r.kind, r.fix_time, r.has_position, r.valid) == (
            RecordKind.STATUS,
            time,
            False,
            False,
        )


def test_new_vehicle_location_with_external_power() -> None:
    r = one(v.VEHICLE_LOCATION)
    assert r.fix_time == utc(2019, 3, 20, 10, 58, 13)
    assert (r.latitude, r.longitude) == pytest.approx((51.486961, -0.110267))
    assert (r.attributes["power"], r.attributes["archive"], r.satellites) == (12.81, True, 13)
    assert (r.attributes["adc1"], r.attributes["adc2"]) == (7.17, 1.37)
    doc = one(v.VEHICLE_LOCATION_DOC)
    assert (doc.speed, doc.course, doc.altitude) == (111.5, 5.0, 58.88)


def test_obd_location() -> None:
    r = one(v.OBD_LOCATION)
    assert r.fix_time == utc(2020, 2, 25, 5, 18, 53)
    assert (r.latitude, r.longitude) == pytest.approx((24.83753, -107.394257))
    assert (r.altitude, r.course, r.satellites) == (12.0, 295.0, 7)
    assert (r.attributes["power"], r.attributes["odometer"]) == (12.4, 35837)


def test_asset_locations() -> None:
    r = one(v.ASSET_LOCATION)
    assert r.fix_time == utc(2021, 4, 7, 2, 27, 5)
    assert (r.latitude, r.longitude, r.altitude) == pytest.approx((22.555645, 113.943024, 57.0))
    a = r.attributes
    assert (a["batteryLevel"], a["deviceTemp"], a["battery"], a["odometer"]) == (
        88,
        29,
        3.9,
        230512,
    )
    assert one(v.ASSET_LOCATION_2).attributes["batteryLevel"] == 100  # "00" is a full battery
    assert one(v.ASSET_LOCATION_3).fix_time == utc(2019, 5, 30, 8, 3, 50)
    assert one(v.ASSET_LOCATION_4).fix_time == utc(2019, 5, 30, 8, 18, 51)


def test_asset_alarm_byte_without_a_vocabulary_alarm() -> None:
    r = one(v.ASSET_ALARM)
    assert (r.kind, r.attributes["event"], r.attributes["ignition"]) == (
        RecordKind.POSITION,
        0x16,
        True,
    )
    assert "alarm" not in r.attributes


def test_logins_and_heartbeats_give_no_record() -> None:
    # the session marks the device online; the reference keeps no record of them either
    for frame in (v.OLD_LOGIN, v.VEHICLE_LOGIN_DOC, v.OLD_HEARTBEAT):
        assert decode_sane(PROTOCOL, frame, CTX) == []
        assert PROTOCOL.inspect(frame, Session()).records == 0


def test_network_information() -> None:
    r = one(v.ASSET_NETWORK)
    assert r.fix_time == utc(2019, 5, 30, 11, 7, 48)
    assert r.attributes == {
        "operator": "T-Mobile", "network": "CAT-NB1", "band": "LTE BAND 4",
        "imsi": "310240200002300", "iccid": "8901240205100023007F",
    }  # fmt: skip


def test_command_answer_in_utf16() -> None:
    text = one(v.VEHICLE_COMMAND_REPLY).attributes["result"]
    assert text == (
        "IMEI:866425032895916,SET VERSION OK,Version:Basic:V1.0.0,APP:V4.2.3,BUILD:2019-03-30,"
        "08:05,PLT:2503AVE,HW:V2.1,MODEL:,MODEM:B9G6MAR02A07M1G#"
    )
    ascii_answer = build_frame(0x23, 0x81, 1, "357367031063979", b"\x01SET OK#")
    assert one(ascii_answer).attributes == {"result": "SET OK#"}


def test_ble_reports() -> None:
    a = one(v.ASSET_BLE_1).attributes  # a door sensor
    assert (a["tag1Id"], a["tag1Battery"], a["tag1Temp"], a["tag1Door"], a["tag1Rssi"]) == (
        "d7d17365e625",
        4.55,
        26.75,
        True,
        -56,
    )
    r = one(v.ASSET_BLE_2)  # a temperature/humidity sensor
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2021, 4, 7, 2, 28, 40))
    assert (r.attributes["tag1Humidity"], r.attributes["tag1LightSensor"]) == (54.0, 1)
    r = one(v.VEHICLE_BLE)  # a driver tag entry one byte short of its size: not read
    assert r.attributes == {"ignition": False}


def test_second_form_alarm() -> None:
    r = one(v.VEHICLE_SECOND_ALARM)
    assert (r.fix_time, r.latitude, r.longitude) == (
        utc(2021, 10, 7, 19, 7, 38),
        7.923959,
        -72.491714,
    )
    a = r.attributes
    assert (a["event"], a["ignition"], a["output"], a["adc1"], a["archive"]) == (
        22,
        True,
        0,
        0.0,
        True,
    )
    assert "adc5" not in a  # ffff: no such input
    assert r.satellites == 18


def test_messages_not_decoded() -> None:
    # the second location form of the asset family is not sourced
    assert PROTOCOL.decode(build_frame(0x27, 0x13, 1, "357367031063979", bytes(60)), CTX) == []
    # 0x05 is network information on the asset family only
    assert PROTOCOL.decode(build_frame(0x25, 0x05, 1, "357367031063979", bytes(30)), CTX) == []
    # 0x16 sensor location outside the OBD family has its own layout
    assert PROTOCOL.decode(build_frame(0x25, 0x16, 1, "357367031063979", bytes(60)), CTX) == []


def test_bad_fields() -> None:
    content = bytearray(v.OLD_LOCATION[15:])
    content[30] = 0x13  # the month of the BCD date-time: 13
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_frame(0x23, 0x02, 1, "357367031063979", bytes(content)), CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build_frame(0x23, 0x02, 1, "357367031063979", bytes(20)), CTX)


def test_device_round_trip() -> None:
    dev = Device("359339075005244")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("359339075005244", expected)
    assert expected == bytes.fromhex("252501000f00010359339075005244")
    fixes = [
        Record(
            fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
            longitude=151.209296, altitude=42.0, speed=87.3, course=359.0, satellites=11,
            attributes={"ignition": True, "power": 12.6, "odometer": 987654},
        ),
        Record(fix_time=utc(2026, 11, 26, 11, 59, 40), valid=True, latitude=40.5,
               longitude=-74.25, speed=0.0, course=0.0, satellites=4),
    ]  # fmt: skip
    stream, expected = dev.report(fixes)
    frames = fr.feed(stream)
    assert len(frames) == 2
    assert b"".join(PROTOCOL.inspect(f, session).ack for f in frames) == expected
    for want, f in zip(fixes, frames, strict=True):
        r = one(f)
        assert (r.fix_time, r.valid, r.speed, r.course, r.satellites) == (
            want.fix_time, True, want.speed, want.course, want.satellites,
        )  # fmt: skip
        assert (r.latitude, r.longitude) == pytest.approx((want.latitude, want.longitude), abs=1e-4)
    a = one(frames[0]).attributes
    assert (a["ignition"], a["power"], a["odometer"], a["batteryLevel"]) == (
        True,
        12.6,
        987654,
        100,
    )
    frame, expected = dev.heartbeat()
    assert PROTOCOL.inspect(frame, session).ack == expected
    assert dev.report([])[0][2] == 0x03
