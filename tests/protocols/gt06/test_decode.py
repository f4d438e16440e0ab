"""GT06 decoding: exact values from real frames for every message type decoded, the sanity
check on every record, options, unknown types, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.gt06 import Device
from fleetwire.protocols.gt06.framing import build_frame
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

PROTOCOL = get("gt06")
CTX = DecodeContext(unique_id="123456789012345", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:6].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_login_gives_no_record() -> None:
    """The login is answered (inspect) and the connection's start is the gateway's session
    record: the frame itself stores nothing, as in the reference decoder."""
    assert decode_sane(PROTOCOL, v.CONCOX_LOGIN, CTX) == []
    assert decode_sane(PROTOCOL, v.VL03_LOGIN, CTX) == []


def test_gps_lbs_0x12_traccar_capture() -> None:
    r = one(v.TRACCAR_GPS_LBS)
    assert r.kind == RecordKind.POSITION
    assert r.fix_time == utc(2015, 10, 20, 14, 21, 11)
    assert r.valid
    assert r.satellites == 5
    assert r.latitude == pytest.approx(54.94535, abs=1e-5)
    assert r.longitude == pytest.approx(24.01762, abs=1e-5)
    assert (r.speed, r.course) == (0.0, 0.0)
    # course/status 0x5400: bit 14 set says bit 15 is ACC (off)
    assert r.attributes == {"mcc": 246, "mnc": 1, "lac": 110, "cid": 21978, "ignition": False}


def test_gps_only_0x10() -> None:
    r = one(v.TRACCAR_GPS)
    assert r.fix_time == utc(2011, 3, 26, 11, 27, 49)
    assert r.latitude == pytest.approx(0x027AC7FD / 1_800_000)
    assert r.longitude == pytest.approx(0x0C4657BF / 1_800_000)
    assert (r.valid, r.speed, r.course, r.satellites) == (True, 1.0, 289.0, 12)


def test_0x11_west_longitude() -> None:
    r = one(v.TRACCAR_GPS_LBS_11)
    assert r.fix_time == utc(2021, 11, 11, 2, 44, 48)
    assert r.latitude == pytest.approx(43.970484, abs=1e-6)
    assert r.longitude == pytest.approx(-79.263956, abs=1e-6)  # bit 11 set: west
    # 2-byte MNC and 4-byte cell id: 302-720 is Rogers (Canada), where the fix lies
    assert r.attributes == {"mcc": 302, "mnc": 720, "lac": 30175, "cid": 0x84890C}


def test_gps_lbs_0x22_vl03_example() -> None:
    r = one(v.VL03_GPS_LBS_2)
    assert r.fix_time == utc(2015, 12, 29, 2, 51, 5)
    assert r.latitude == pytest.approx(23.111693, abs=1e-6)  # the document's 23.125346 is wrong
    assert r.longitude == pytest.approx(114.409298, abs=1e-6)
    assert (r.valid, r.speed, r.course, r.satellites) == (True, 0.0, 0.0, 9)
    assert r.attributes == {
        "mcc": 460, "mnc": 0, "lac": 10365, "cid": 8049,
        "ignition": False, "uploadMode": 0, "archive": True,
    }  # fmt: skip


def test_gps_lbs_0x22_two_byte_mnc_without_fix() -> None:
    r = one(v.TRACCAR_GPS_LBS_2_MNC16)
    assert r.fix_time == utc(2017, 12, 7, 15, 27, 2)
    assert not r.valid
    assert not r.has_position
    assert r.attributes["mcc"] == 310
    assert r.attributes["mnc"] == 260


def test_gps_lbs_4g_0xa0_with_mileage() -> None:
    # Built from the JM-VL03 0xA0 layout (no public capture found): 2-byte MNC flag,
    # 4-byte LAC, 8-byte cell id, ACC on, mode 0, real-time, mileage 123456 m.
    content = bytes.fromhex(
        "180b1a0c0000" "c9" "027ac818" "0c465860" "3c" "1d2d"
        "81cc" "0001" "0000287d" "00000000001f7100" "01" "00" "00" "0001e240"
    )  # fmt: skip
    r = one(build_frame(0xA0, content, 9))
    assert r.fix_time == utc(2024, 11, 26, 12, 0, 0)
    assert (r.valid, r.speed, r.course) == (True, 60.0, 301.0)
    assert r.latitude == pytest.approx(23.111693, abs=1e-6)
    assert r.longitude == pytest.approx(-114.409298, abs=1e-6)
    assert r.attributes == {
        "mcc": 460, "mnc": 1, "lac": 10365, "cid": 0x1F7100,
        "ignition": True, "uploadMode": 0, "archive": False, "odometer": 123456,
    }  # fmt: skip


def test_alarm_0x16_concox_example_sos() -> None:
    r = one(v.CONCOX_ALARM)
    assert r.kind == RecordKind.EVENT
    assert r.fix_time == utc(2011, 11, 15, 14, 36, 29)
    assert r.latitude == pytest.approx(0x027AC887 / 1_800_000)
    assert (r.valid, r.course, r.satellites) == (True, 2.0, 15)
    a = r.attributes
    assert a["alarm"] == "sos"
    assert (a["armed"], a["charge"], a["ignition"], a["blocked"]) == (True, True, False, False)
    assert (a["batteryLevel"], a["rssi"]) == (100, 4)


def test_alarm_0x16_without_fix_uses_receive_time() -> None:
    r = one(v.TRACCAR_ALARM_NO_FIX)
    assert r.fix_time == NOW
    assert not r.has_position
    assert r.attributes["alarm"] == "vibration"
    assert r.attributes["mcc"] == 250


def test_alarm_0x26() -> None:
    r = one(v.VL03_ALARM_2)
    assert r.fix_time == utc(2015, 12, 29, 3, 11, 38)
    assert r.attributes["alarm"] == "tampering"  # code 0x13
    assert r.attributes["blocked"] is True
    r = one(v.TRACCAR_ALARM_2)
    assert r.fix_time == utc(2018, 3, 12, 6, 56, 22)
    assert r.attributes["alarm"] == "vibration"


def test_alarm_0x27_and_0xa4() -> None:
    r = one(v.TRACCAR_ALARM_FENCES)
    assert r.latitude == pytest.approx(40.196205, abs=1e-6)
    assert r.longitude == pytest.approx(-74.14239, abs=1e-6)
    assert r.attributes["alarm"] == "powerOn"  # 0x0C
    assert "geofence" not in r.attributes  # fence 0xFF: none
    r = one(v.TRACCAR_ALARM_4G)
    assert r.fix_time == utc(2017, 12, 12, 2, 40, 27)
    assert r.attributes["alarm"] == "powerOff"  # 0x11
    assert (r.attributes["lac"], r.attributes["cid"]) == (9742, 102103041)


def test_heartbeats() -> None:
    r = one(v.VL03_HEARTBEAT)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {
        "armed": False, "ignition": False, "charge": False, "blocked": False,
        "batteryLevel": 66, "rssi": 4,
    }  # fmt: skip
    r = one(v.TRACCAR_HEARTBEAT_QUIRK)
    assert r.attributes["ignition"] is True
    assert r.attributes["batteryLevel"] == 100
    r = one(v.TRACCAR_HEARTBEAT_23)
    assert (r.attributes["battery"], r.attributes["blocked"]) == (2.9, True)


def test_command_replies() -> None:
    assert one(v.TRACCAR_STRING_INFO).attributes == {"iccid": "89882390000097302650"}
    assert one(v.TRACCAR_STRING_INFO_2).attributes == {
        "result": "Cut off the fuel supply: Success!"
    }
    assert one(v.TRACCAR_COMMAND_REPLY_UTF16).attributes == {"result": "Command error!"}
    # the answer to WHERE# is a position in text
    r = one(v.TRACCAR_COMMAND_REPLY_ASCII)
    assert (r.kind, r.valid) == (RecordKind.POSITION, True)
    assert r.fix_time == utc(2017, 5, 26, 10, 27, 47)
    assert (r.latitude, r.longitude, r.course, r.speed) == (54.739332, 25.27327, 126.53, 0.0)


def test_lbs_frames() -> None:
    r = one(v.TRACCAR_LBS_MULTI)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2016, 1, 13, 2, 2, 2))
    assert r.attributes == {"mcc": 460, "mnc": 0, "lac": 10365, "cid": 8049}
    r = one(v.TRACCAR_LBS_EXTEND)
    assert r.attributes == {"mcc": 405, "mnc": 39, "lac": 6020, "cid": 23222}
    r = one(v.TRACCAR_LBS_MULTI_4G)
    assert r.attributes == {"mcc": 460, "mnc": 1, "lac": 9724, "cid": 0x618C102}
    r = one(v.TRACCAR_LBS_STATUS)
    assert r.attributes["mcc"] == 655
    assert r.attributes["alarm"] == "sos"


def test_information_0x94() -> None:
    assert one(v.TRACCAR_INFO_ICCID).attributes == {"iccid": "8966051912408052452"}
    assert one(v.TRACCAR_INFO_POWER).attributes == {"power": 0.0}
    assert one(v.TRACCAR_INFO_DOOR).attributes == {"door": False, "in1": False}


def test_types_without_records() -> None:
    assert PROTOCOL.decode(v.VL03_TIME_REQUEST, CTX) == []


def test_unknown_types_are_dead_letters_not_silence() -> None:
    """A type no decoder reads raises, so the worker keeps it as a dead letter to replay."""
    with pytest.raises(InvalidField, match="99 is not decoded yet"):
        PROTOCOL.decode(build_frame(0x99, b"\x00", 1), CTX)
    with pytest.raises(InvalidField, match="sub-type 7f"):
        PROTOCOL.decode(build_frame(0x94, b"\x7f\x01", 1, long=True), CTX)


def test_timezone_option_corrects_device_local_time() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.TRACCAR_GPS_LBS, ctx).fix_time == utc(2015, 10, 20, 6, 21, 11)


def test_bad_crc_is_not_decoded() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.CONCOX_GPS_BAD_CRC, CTX)


def test_out_of_range_fields_are_invalid() -> None:
    bad_date = bytes.fromhex("0f0d200000000c") + bytes(11)  # month 13
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_frame(0x10, bad_date, 1), CTX)
    bad_lat = bytes.fromhex("0f0a140e150bc50a0000000293a9e8001400")  # > 90
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_frame(0x10, bad_lat, 1), CTX)


def test_device_round_trip() -> None:
    dev = Device("359339075005244")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("359339075005244", expected)
    assert expected == v.ack(0x01, 1)

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.0, course=359.0, satellites=11,
        attributes={"mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "ignition": True,
                    "archive": False, "odometer": 987654},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.fix_time, r.valid, r.speed, r.course, r.satellites) == (
        fix.fix_time, True, 87.0, 359.0, 11,
    )  # fmt: skip
    assert r.latitude == pytest.approx(fix.latitude, abs=1e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=1e-6)
    assert r.attributes == {**fix.attributes, "uploadMode": 0}

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == v.ack(0x13, 3)
    assert one(frame).attributes["batteryLevel"] == 100


def test_device_west_and_empty_report() -> None:
    dev = Device("123456789012345")
    fix = Record(fix_time=NOW, valid=False, latitude=40.5, longitude=-74.25)
    r = one(dev.report([fix])[0])
    assert (r.latitude, r.longitude, r.valid) == (40.5, -74.25, False)
    frame, expected = dev.report([])  # an empty report is a heartbeat
    assert PROTOCOL.inspect(frame, Session()).ack == expected != b""
    with pytest.raises(ValueError, match="one fix"):
        dev.report([fix, fix])


def test_crc_less_frames_decode() -> None:
    r = one(v.WIFI_3)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2016, 4, 13, 3, 18, 49))
    assert r.attributes == {"mcc": 460, "mnc": 0, "lac": 0x2866, "cid": 0x0F21, "wifiCount": 3}
    r = one(v.GPS_NO_CRC)
    assert r.fix_time == utc(2017, 9, 28, 11, 27, 41)
    assert (r.latitude, r.longitude) == (pytest.approx(51.4469), pytest.approx(5.521723, abs=1e-6))
    with pytest.raises(InvalidField, match="08 is not decoded yet"):
        PROTOCOL.decode(bytes.fromhex("787801080d0a"), CTX)


def test_status_layouts_by_length() -> None:
    """0x13 of other lengths and 0x36, TRACCAR_DEC captures."""
    obd6 = one(v.h("7878131340b2fa000201040000000000011c00400e550d0a")).attributes
    assert (obd6["temp1"], obd6["power"], obd6["batteryLevel"]) == (28.4, 0.0, 1)
    obd6 = one(v.h("7878131302801900002e42016f000000003a0177ef180d0a")).attributes
    assert (obd6["power"], obd6["batteryLevel"], obd6["ignition"]) == (3.67, 46, True)
    assert one(v.h("7878151330802b00000642014f0008720000802b5ee4d4c90d0a")).attributes == {
        "batteryLevel": 6, "temp1": 4.3,
    }  # fmt: skip
    modules = one(v.h("787817360005040002003201010018020192006a015f0324aeaf0d0a")).attributes
    assert (modules["battery"], modules["batteryLevel"], modules["rssi"]) == (4.02, 95, 4)


@pytest.mark.parametrize(
    ("frame", "attributes"),
    [
        # TRACCAR_DEC captures of the 0x94 sub-types and of 0x9B
        ("7878079404eb001c705d0d0a", {"power": 12.59}),  # the short form: voltage only
        ("79790007940B010A0B5ACE0D0A", {"networkTechnology": "4G"}),
        ("79790008940b02e3048614200d0a", {"power": 7.39}),
        ("7979000e941e000000d5000002ee00f59b850d0a", {"temp1": 21.3, "humidity": 75.0}),
        ("7979000e941b02084277efef350303eadaed0d0a", {"driverUniqueId": "4277efef"}),
        ("79790019941b524649443a3030384642324245424133390d0a000c14930d0a",
         {"serial": "RFID:008FB2BEBA39"}),
        ("79790039940d2141494f494c2c30322c3030322e3732302c3032392e3530302c3532344a2c30313030"
         "2c3030332e3430302c302c30302c393309ad72000d0a", {"temp1": 29.5, "fuel": 3.4}),
        ("797900849404414c4d313d43353b414c4d323d43433b414c4d333d35433b535441313d43303b4459"
         "443d30313b534f533d303133323838333730302c2c3b43454e5445523d303133323838333730303b"
         "46454e43453d46656e63652c4f46462c302c302e3030303030302c302e3030303030302c3330302c"
         "494e206f72204f55542c313b00b79d120d0a",
         {"alarm1Status": 0xC5, "alarm2Status": 0xCC, "alarm3Status": 0x5C,
          "otherStatus": 0xC0, "engineStatus": 1}),
        ("797900109b0344373532304136320d0a000f87f00d0a", {"result": "D7520A62"}),
        ("797900099b0380d600046f91e90d0a", {"result": "80d600"}),  # not printable: hex
    ],
)  # fmt: skip
def test_information_and_peripheral_data(frame: str, attributes: dict[str, object]) -> None:
    assert one(v.h(frame)).attributes == attributes


def test_door_state_with_its_time() -> None:
    r = one(v.h("7979000d940516090908081c030defbd2d0d0a"))
    assert (r.fix_time, r.attributes) == (utc(2022, 9, 9, 8, 8, 28), {"door": True, "in1": False})


def test_cell_and_wifi_lists() -> None:
    """TRACCAR_DEC captures: 4G cells + WiFi (0xA2), Wanway S20 (0x24), LBS alarm (0xA5)."""
    r = one(v.h(
        "78787aa2110c0e06372c813601040000591200000000009d7c01040000591200000000009d7c0104000059"
        "1200000000009d7c01040000591200000000009d7c01040000591200000000009d7c010400005912000000"
        "00009d7c01040000591200000000009d7c0104ff02001801eb4039d10000000000000004fabeb50d0a"
    ))  # fmt: skip
    assert r.fix_time == utc(2017, 12, 14, 6, 55, 44)
    assert r.attributes == {"mcc": 310, "mnc": 260, "lac": 0x5912, "cid": 0x9D7C01, "wifiCount": 2}
    r = one(v.h(
        "787831241603060c231e000194620213ee00606a3413ee0060692e0000000000000000000000000000"
        "00000000000000003a0cb70d0a"
    ))  # fmt: skip
    assert r.attributes == {"mcc": 404, "mnc": 98, "lac": 0x13EE, "cid": 0x00606A}
    r = one(v.LBS_ALARM_4G)
    assert (r.kind, r.attributes["alarm"], r.attributes["lac"]) == (
        RecordKind.EVENT,
        "tampering",
        30175,
    )


def test_camera_alarm_with_its_video_files() -> None:
    """0x95 of the JC400 (FFFF marker), TRACCAR_DEC capture."""
    r = one(v.CAMERA_ALARM)
    assert (r.kind, r.fix_time) == (RecordKind.EVENT, utc(2023, 7, 25, 21, 32, 19))
    assert r.latitude == pytest.approx(-12.95536, abs=1e-5)
    assert r.attributes == {
        "power": 13.5, "event": 0x69,
        "eventFiles": "EVENT_862798050175112_00000000_2023_07_25_18_32_05_14.mp4",
    }  # fmt: skip
    short = one(v.h("78780c95130a0209321c90000112800d0a"))  # date-time and event only
    assert short.attributes == {"event": 0x90, "alarm": "hardAcceleration"}


def test_modular_report_with_a_ble_tag() -> None:
    r = one(v.MODULAR_BLE)
    assert r.attributes == {
        "tag1Id": "c4a82841074a", "tag1Battery": 32.767, "tag1BatteryLevel": 100,
        "tag1Temp": 29.0, "tag1Humidity": 476, "tag1Status": 7,
    }  # fmt: skip


def test_peripheral_status_and_obd() -> None:
    r = one(v.h("79790016f26718e430000c0a470000000010020000000024bff50d0a"))
    assert r.fix_time == utc(2024, 10, 23, 11, 55, 28)
    assert r.attributes == {"externalBatteryLevel": 71, "externalBatteryCycles": 0}
    r = one(v.h(
        "797900de8c120b1502121b013137333d302c3232333d312c3238333d30303030303030302c3436333d3030"
        "3030303035362c3437333d30303030303030662c3438333d30303030303031312c3242333d3030303030"
        "3030302c3244333d30303030313839632c3335333d30303030313661382c3336333d3030303238616338"
        "2c3339333d30303030303230612c3330333d30303030303561612c3439333d30303030303030302c3441"
        "333d4b4e4146323431434d4b353031343235352c3341333d30303030303338352c3530333d30303030c0"
        "041df0940f89c06700000000c800910d0a"
    ))  # fmt: skip
    assert r.attributes["vin"] == "KNAF241CMK5014255"
    assert (r.attributes["rpm"], r.attributes["obdSpeed"]) == (1666.0, 58.0)


@pytest.mark.parametrize(
    ("model", "frame", "attributes"),
    [
        # TRACCAR_DEC captures, read as the model their test names
        ("LW4G-4B", "78780a13560604f0830ccf986f0d0a",
         {"batteryLevel": 100, "rssi": 4, "power": 13.1}),
        ("seeworld", "78780a134506560b0102242b850d0a",
         {"batteryLevel": 100, "rssi": 86, "power": 11.0}),
        ("R11", "78780a13460b120400160642c20d0a", {"power": 28.34, "rssi": 4}),
    ],
)  # fmt: skip
def test_decode_option_model(model: str, frame: str, attributes: dict[str, object]) -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"model": model})
    got = one(v.h(frame), ctx).attributes
    assert {k: got[k] for k in attributes} == attributes
    # without the option the same bytes are the documented voltage level and alarm
    assert "power" not in one(v.h(frame)).attributes


def test_decode_option_model_alarm_codes() -> None:
    frame = v.h(
        "78782516180516150812c804b50ee80880e40805dcf909012e000000986633460604190106c393490d0a"
    )
    lw = DecodeContext(unique_id="x", received=NOW, options={"model": "LW4G-4B"})
    assert one(frame, lw).attributes["alarm"] == "hardAcceleration"
    assert one(frame).attributes["alarm"] == "lowBattery"  # 0x19 in the JM-VL03 document
    other = DecodeContext(unique_id="x", received=NOW, options={"model": 7})
    assert one(frame, other).attributes["alarm"] == "lowBattery"  # not a model name: ignored
