"""JT/T 808 decoding: exact values from real frames for every message type decoded, the sanity
check on every record, the timezone option, refused and unknown content, and the Device round
trip (2013 and 2019 headers)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, ConfigError, InvalidField
from fleetwire.model import Command, Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.jt808 import PROTOCOL, Device
from fleetwire.protocols.jt808.framing import build_frame
from fleetwire.protocols.jt808.replies import auth_code, register_response
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="12345678901", received=NOW)
PHONE = bytes.fromhex("013912345678")


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.DECODABLE, ids=lambda f: f[:7].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_huabao_location_example() -> None:
    r = one(v.HUABAO_LOCATION)
    assert r.kind == RecordKind.EVENT  # alarm bit 17
    assert r.fix_time == utc(2021, 9, 22, 8, 37, 58)  # 16:37:58 GMT+8
    assert (r.latitude, r.longitude) == (22.591771, 113.995873)
    assert (r.valid, r.altitude, r.speed, r.course, r.satellites) == (True, 70.0, 0.0, 89.0, 16)
    assert r.attributes == {
        "status": 0x000C0002, "ignition": False, "blocked": False, "alarm": "tampering",
        "odometer": 100, "obdSpeed": 0.0, "input": 1, "rssi": 17,
        # D5 lock data, the document's own reading: master and slave lock, their RFID card,
        # battery 0x60 and 0x58 percent, status 0012 (motor unlocked)
        "lock1Id": "2002604323", "lock1Card": "2795937861", "lock1BatteryLevel": 96,
        "lock1Locked": False, "lock2Id": "2000001234", "lock2Card": "2795937861",
        "lock2BatteryLevel": 88, "lock2Locked": False,
    }  # fmt: skip


def test_sos_and_west_longitude() -> None:
    r = one(v.TRACCAR_SOS_WEST)
    assert (r.kind, r.fix_time) == (RecordKind.EVENT, utc(2013, 4, 12, 8, 49, 52))
    assert (r.latitude, r.longitude) == (50.871735, -1.255923)
    assert (r.speed, r.course) == (2.0, 0.0)
    assert r.attributes["alarm"] == "sos"
    assert r.attributes["odometer"] == 1800  # 18 x 1/10 km


def test_south_and_west() -> None:
    r = one(v.TRACCAR_SOUTH_WEST)
    assert (r.kind, r.fix_time) == (RecordKind.POSITION, utc(2015, 1, 1, 11, 42, 57))
    assert (r.latitude, r.longitude, r.valid) == (-19.591535, -46.912186, True)
    assert "alarm" not in r.attributes


def test_mileage_fuel_and_tachograph_speed() -> None:
    r = one(v.TRACCAR_FUEL)
    assert r.fix_time == utc(2015, 8, 17, 23, 21, 21)
    assert (r.latitude, r.longitude, r.altitude, r.course) == (22.6426, 114.032984, 128.0, 8.0)
    a = r.attributes
    assert (a["odometer"], a["fuel"], a["obdSpeed"]) == (75700, 0.0, 0.0)


def test_io_status_rssi_satellites_and_validity() -> None:
    r = one(v.TRACCAR_IO_STATUS)
    assert (r.valid, r.latitude, r.satellites) == (False, 6.152695, 3)  # south bit unset
    assert r.attributes == {
        "status": 0x00040001, "ignition": True, "blocked": False,
        "odometer": 4326400, "io42": 0, "rssi": 27,
    }  # fmt: skip
    r = one(v.TRACCAR_IO_STATUS_FIX)
    assert (r.valid, r.latitude, r.longitude, r.altitude) == (True, -6.152508, 106.720475, 22.0)
    assert r.fix_time == utc(2017, 1, 17, 2, 5, 42)


def test_alarm_bits() -> None:
    # bit 7: the vehicle battery low, as the reference has it; the vendor word 0x0089 of the
    # 0xEB block reads FFFFEFFF: bit 12, active low, is removal
    r = one(v.TRACCAR_LOW_POWER)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "lowBattery,removing")
    assert r.fix_time == utc(2021, 7, 26, 12, 35, 31)
    assert (r.latitude, r.longitude, r.course) == (22.641605, 114.032486, 341.0)
    assert one(v.TRACCAR_TAMPERING).attributes["alarm"] == "tampering"
    body = bytes.fromhex("80000103") + bytes(4 + 8 + 6) + bytes.fromhex("250101000000")
    r = one(build_frame(0x0200, body, PHONE, 1))
    # bits 0, 1, 8, 31; no fix and no coordinates: still an event
    assert r.attributes["alarm"] == "sos,overspeed,powerCut,door"
    assert (r.kind, r.has_position, r.fix_time) == (RecordKind.EVENT, False, utc(2024, 12, 31, 16))


def test_vendor_items_and_padding_are_skipped() -> None:
    r = one(v.TRACCAR_ZERO_PADDING)  # zero "items", the last one overrunning: ignored
    assert (r.latitude, r.longitude) == (-27.455656, 153.029616)  # status 0x1C06: south
    assert r.fix_time == utc(2020, 11, 2, 19, 17, 33)
    # item 0x33, the lock's "*M00,45,1138600..." text: 3.86 V in its status field
    assert one(v.TRACCAR_TEXT_ITEM).attributes == {
        "status": 2, "ignition": False, "blocked": False, "battery": 3.86
    }  # fmt: skip


def test_batch_of_blind_area_records() -> None:
    records = decode_sane(PROTOCOL, v.TRACCAR_BATCH, CTX)
    assert len(records) == 8
    first = records[0]
    assert first.fix_time == utc(2016, 5, 27, 1, 6, 24)
    assert (first.latitude, first.longitude, first.altitude) == (22.639634, 114.031952, 370.0)
    assert first.attributes["odometer"] == 2900
    assert all(r.attributes["archive"] is True for r in records)
    assert records[-1].fix_time == utc(2016, 5, 27, 1, 10, 2)


def test_batch_record_without_fix_is_a_status() -> None:
    records = decode_sane(PROTOCOL, v.TRACCAR_BATCH_NO_FIX, CTX)
    assert len(records) == 6
    assert (records[0].kind, records[0].has_position) == (RecordKind.STATUS, False)
    assert (records[0].satellites, records[0].attributes["rssi"]) == (1, 27)
    assert records[-1].has_position


def test_location_answer_0x0201() -> None:
    location = v.TRACCAR_SOUTH_WEST[13:-2]
    r = one(build_frame(0x0201, b"\x00\x07" + location, PHONE, 9))
    assert (r.latitude, r.longitude) == (-19.591535, -46.912186)


def test_registration() -> None:
    r = one(v.TRACCAR_REGISTER_2011)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {
        "manufacturer": "70111", "model": "BSJ-M7B", "terminalId": "0000000",
        "plateColor": 1, "plate": "粤B88888",
    }  # fmt: skip
    assert one(v.TRACCAR_REGISTER_2013).attributes == {
        "manufacturer": "70107", "model": "HB-R03GBD", "terminalId": "2366104",
        "plateColor": 2, "plate": "苏BA6860",
    }  # fmt: skip
    expected = {
        "manufacturer": "cd", "model": "www.808.com", "terminalId": "7654321",
        "plateColor": 1, "plate": "测A1234",
    }  # fmt: skip
    assert one(v.GOJT808_REGISTER_2013).attributes == expected
    assert one(v.GOJT808_REGISTER_2019).attributes == expected
    assert one(v.GOJT808_REGISTER_2011).attributes == {**expected, "model": "www.808."}
    assert one(v.TRACCAR_REGISTER_BINARY_ID).attributes == {"plateColor": 0}


def test_authentication() -> None:
    assert PROTOCOL.decode(v.GOJT808_AUTH, CTX) == []  # 2013: only the code
    r = one(v.GOJT808_AUTH_2019)
    assert (r.kind, r.attributes) == (
        RecordKind.STATUS,
        {"imei": "123456789012345", "versionFw": "3.7.15"},
    )


def test_terminal_general_response() -> None:
    r = one(v.GOJT808_TERMINAL_RESPONSE)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {"result": "unsupported", "commandId": 0x01C8, "commandSerial": 123}


def test_types_without_records() -> None:
    for frame in (v.TRACCAR_HEARTBEAT, v.GOJT808_HEARTBEAT_2019):
        assert PROTOCOL.decode(frame, CTX) == []
    assert PROTOCOL.decode(build_frame(0x0003, b"", PHONE, 1), CTX) == []  # logout


def test_undecodable_messages_are_dead_lettered_with_their_reason() -> None:
    """Sub-packages, encrypted bodies and ids without a decoder raise InvalidField: the frame
    stays in the raw log as a dead letter that replay decodes once a decoder exists."""
    sub = bytearray(build_frame(0x0200, bytes(4) + v.TRACCAR_SOUTH_WEST[13:-2], PHONE, 1))
    sub[3] |= 0x20  # sub-packaged: reassembly spans frames
    sub[-2] ^= 0x20
    with pytest.raises(InvalidField, match="sub-package"):
        PROTOCOL.decode(bytes(sub), CTX)
    rsa = bytearray(v.TRACCAR_SOUTH_WEST)
    rsa[3] |= 0x04  # RSA-encrypted body
    rsa[-2] ^= 0x04
    with pytest.raises(InvalidField, match="encrypted"):
        PROTOCOL.decode(bytes(rsa), CTX)
    with pytest.raises(InvalidField, match="0f01 is not decoded yet"):
        PROTOCOL.decode(build_frame(0x0F01, b"\x01", PHONE, 4), CTX)


def test_timezone_option() -> None:
    utc_device = DecodeContext(unique_id="x", received=NOW, options={"timezone": 0})
    assert one(v.TRACCAR_SOS_WEST, utc_device).fix_time == utc(2013, 4, 12, 16, 49, 52)
    half = DecodeContext(unique_id="x", received=NOW, options={"timezone": 5.5})
    assert one(v.TRACCAR_SOS_WEST, half).fix_time == utc(2013, 4, 12, 11, 19, 52)
    for tz in ("+8", float("nan"), 800, True):
        bad = DecodeContext(unique_id="x", received=NOW, options={"timezone": tz})
        with pytest.raises(ConfigError):
            PROTOCOL.decode(v.TRACCAR_SOS_WEST, bad)


@pytest.mark.parametrize("frame", v.REFUSED, ids=lambda f: f[:7].hex())
def test_out_of_range_content_is_refused(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_bad_fields() -> None:
    basic = bytearray(v.TRACCAR_SOUTH_WEST[13:41])
    basic[23] = 0x13  # month 13
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_frame(0x0200, bytes(basic), PHONE, 1), CTX)
    basic[23] = 0x1A  # not BCD
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_frame(0x0200, bytes(basic), PHONE, 1), CTX)
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.TRACCAR_BAD_CHECKSUM, CTX)


def test_no_clock_means_receive_time() -> None:
    r = one(build_frame(0x0200, bytes(28), PHONE, 1))
    assert (r.fix_time, r.kind, r.has_position) == (NOW, RecordKind.STATUS, False)


def _round_trip(dev: Device, uid: str, session: Session) -> None:
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.LOGIN, uid, expected)

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, altitude=-12.0, speed=87.5, course=359.0, satellites=11,
        attributes={"ignition": True, "odometer": 987600, "fuel": 41.5, "rssi": 23,
                    "input": 5, "alarm": "sos,overspeed"},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid, r.altitude, r.speed, r.course, r.satellites) == (
        RecordKind.EVENT, fix.fix_time, True, -12.0, 87.5, 359.0, 11,
    )  # fmt: skip
    assert (r.latitude, r.longitude) == (fix.latitude, fix.longitude)
    assert r.attributes == {**fix.attributes, "status": 0b111, "blocked": False}  # south

    west = Record(fix_time=NOW, valid=False, latitude=40.5, longitude=-74.25)
    frame, expected = dev.report([fix, west, fix])
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.records, up.ack) == (3, expected)
    records = decode_sane(PROTOCOL, frame, CTX)
    assert [r.longitude for r in records] == [151.209296, -74.25, 151.209296]
    assert records[1].attributes["archive"] is False

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected
    assert dev.report([]) != (frame, expected)  # a new heartbeat: next serials


def test_device_round_trip_2013() -> None:
    session = Session()
    _round_trip(Device("13912345678"), "13912345678", session)
    assert session.state["jt808.version"] is None


def test_device_round_trip_2019_for_an_imei() -> None:
    session = Session()
    _round_trip(Device("359339075005244"), "359339075005244", session)
    assert session.state["jt808.version"] == 1
    r = one(Device("359339075005244").login()[0])
    assert r.attributes["imei"] == "359339075005244"


def test_device_registration() -> None:
    dev = Device("13912345678")
    frame, expected = dev.register()
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.ack) == (FrameKind.LOGIN, expected)
    assert expected == register_response(PHONE, None, 0, 0, 0, auth_code("13912345678"))
    assert one(frame).attributes["model"] == "SIM-808"
    frame, expected = Device("359339075005244").register()
    assert PROTOCOL.inspect(frame, Session()).ack == expected
    with pytest.raises(ValueError, match="20 digits"):
        Device("35933907500524A")


def test_device_answers_commands() -> None:
    assert PROTOCOL.answers_commands
    dev = Device("13912345678")
    session = Session()
    PROTOCOL.inspect(dev.login()[0], session)  # platform serial 0
    fix = Record(fix_time=NOW, valid=True, latitude=1.5, longitude=2.5)
    PROTOCOL.inspect(dev.report([fix])[0], session)  # platform serial 1

    down = PROTOCOL.encode_command(Command("rebootDevice"), session)  # platform serial 2
    answer = dev.respond(down)
    up = PROTOCOL.inspect(answer, session)
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.REPLY, "13912345678", b"")
    assert one(answer).attributes == {"result": "success", "commandId": 0x8105, "commandSerial": 2}

    answer = dev.respond(PROTOCOL.encode_command(Command("requestPosition"), session))
    assert PROTOCOL.inspect(answer, session).kind == FrameKind.REPLY
    r = one(answer)
    assert (r.latitude, r.longitude, r.fix_time) == (1.5, 2.5, NOW)

    frame, expected = dev.heartbeat()  # the device followed the platform serial
    assert PROTOCOL.inspect(frame, session).ack == expected
    assert int.from_bytes(expected[11:13], "big") == 4

    assert dev.respond(v.GOJT808_HEARTBEAT_ACK) == b""  # another terminal's
    assert dev.respond(b"\x7e\x00") == b""
    assert dev.respond(dev.heartbeat()[0]) == b""  # not a platform message


def test_altitude_past_any_fix_is_an_invalid_field() -> None:
    """HUABAO_LOCATION with its altitude set to 0x8046 and a valid check code: bench/fuzz.py
    found -32,698 m. Read signed, as captured devices below sea level need, that is no altitude
    a fix can have: the device's error."""
    from fleetwire.protocols.jt808.framing import open_frame

    env = open_frame(v.HUABAO_LOCATION)
    body = bytearray(env.data[env.start : env.end])
    body[16:18] = bytes.fromhex("8046")
    bad = build_frame(env.msg_id, bytes(body), env.phone, env.serial, env.version)
    with pytest.raises(InvalidField, match=r"altitude -32698\.0 outside \[-1000, 50000\]"):
        PROTOCOL.decode(bad, CTX)
