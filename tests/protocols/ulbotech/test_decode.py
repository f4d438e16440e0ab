"""Ulbotech decoding: exact values from real frames (GPS, LBS, status and alarm bits, mileage,
ADC, OBD PIDs and trouble codes, harsh driving, events), text answers and data, the sanity
check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.ulbotech import PROTOCOL, Device
from fleetwire.protocols.ulbotech.framing import build_binary
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="353323083177450", received=NOW)
HEAD = bytes.fromhex("0101" + "0353323083177450" + "9ccb4b62")  # version, type, IMEI, time


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def blocks(data: str) -> bytes:
    return build_binary(HEAD + bytes.fromhex(data))


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:16].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_obd_frame() -> None:
    r = one(v.OBD_GOLD_COAST)
    # a703f6f0: the 3D bit and 0x2703f6f0 = 654571248 s after 2000-01-01
    assert r.fix_time == utc(2020, 9, 28, 1, 20, 48)
    assert (r.kind, r.valid) == (RecordKind.POSITION, True)
    assert (r.latitude, r.longitude) == (pytest.approx(-27.942118), pytest.approx(153.341972))
    assert (r.speed, r.course) == (5.0, 112.0)
    a = r.attributes
    assert a["hdop"] == 1.12
    assert (a["status"], a["ignition"], a["motion"], a["blocked"]) == (0x0A42, True, True, False)
    assert a["odometer"] == 7392416
    # ADC 039b 1876 220f: channel 0 car battery, 1 temperature, 2 internal battery
    assert (a["power"], a["deviceTemp"], a["battery"]) == (14.79, 40.19, 4.15)
    # OBD 3105 53, 410c 0c9e, 310d 05, 310f 46, 4110 0440, 3111 19, 411f 0047, 6101 810f8000,
    # 3104 87, 411f 0048: J1979 scales
    assert (a["coolantTemp"], a["rpm"], a["obdSpeed"]) == (43, 807.5, 5)
    assert (a["intakeAirTemp"], a["airFlow"], a["throttle"]) == (30, 10.88, 9.8)
    assert (a["engineLoad"], a["engineRunTime"]) == (52.94, 72)  # the later 1F item wins
    assert (a["mil"], a["dtcCount"]) == (True, 1)
    assert a["dtcs"] == "P2015"  # OAL item 33 2015: service 03, one code
    assert a["fuelUsedRaw"] == 0x203A14C0
    assert "alarm" not in a


def test_escaped_f8_and_engine_seconds() -> None:
    r = one(v.ESCAPED_F8)
    assert r.fix_time == utc(2019, 9, 25, 11, 49, 39)
    assert (r.latitude, r.longitude) == (pytest.approx(62.205432), pytest.approx(-6.685211))
    assert r.valid is False  # HDOP 99.99: no current fix
    assert r.attributes["hdop"] == 99.99
    assert r.attributes["hours"] == 0x0071EB62 * 1000
    assert (r.attributes["power"], r.attributes["event"]) == (27.71, 1)


def test_escaped_f7() -> None:
    r = one(v.ESCAPED_F7)
    assert r.fix_time == utc(2015, 11, 24, 3, 4, 52)
    assert r.attributes["odometer"] == 0x09F7  # the escaped byte, resolved
    assert (r.latitude, r.longitude) == (pytest.approx(22.995317), pytest.approx(113.107654))
    assert (r.attributes["coolantTemp"], r.attributes["rpm"]) == (91, 0.0)


def test_western_longitude_while_driving() -> None:
    r = one(v.DOMINICAN)
    assert r.fix_time == utc(2015, 11, 1, 14, 55, 23)
    assert (r.latitude, r.longitude) == (pytest.approx(18.434598), pytest.approx(-69.95977))
    assert (r.speed, r.course, r.attributes["hdop"]) == (31.0, 60.0, 0.84)
    assert (r.attributes["rpm"], r.attributes["obdSpeed"]) == (952.0, 27)
    assert r.attributes["fuelLevel"] == 25.49
    assert r.attributes["clearedDistance"] == 4847 * 1000


def test_lbs_only_frames() -> None:
    r = one(v.LBS_PERU)
    assert (r.kind, r.has_position, r.valid) == (RecordKind.STATUS, False, False)
    assert r.fix_time == utc(2016, 4, 17, 22, 44, 15)
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"], a["rssi"]) == (716, 17, 0x4E86, 0x2F1, -83)
    r = one(v.LBS_UNKNOWN)
    assert r.attributes["rssi"] == -120 and "mcc" not in r.attributes
    r = one(v.POWER_CUT_EVENT)
    assert (r.attributes["mcc"], r.attributes["mnc"], r.attributes["cid"]) == (222, 99, 0x128B561)


def test_alarms() -> None:
    r = one(v.LBS_UNKNOWN_ALARM)  # STT alarm word 0003
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "powerCut,movement")
    r = one(v.POWER_CUT_EVENT)  # STT alarm 0001 and event E0 with mask 00000001
    assert (r.attributes["alarm"], r.attributes["event"]) == ("powerCut", 0xE0)
    assert r.attributes["power"] == -0.01  # unplugged
    r = one(v.HARSH)  # HDB 01
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "hardAcceleration")
    assert (r.latitude, r.longitude) == (pytest.approx(31.938493), pytest.approx(35.864791))
    assert (r.speed, r.course) == (43.0, 269.0)


def test_trouble_codes() -> None:
    r = one(v.TROUBLE_CODES)  # OAL item 73 2029 0082 c021
    assert r.attributes["dtcs"] == "P2029 P0082 U0021"
    assert r.fix_time == utc(2016, 2, 24, 0, 53, 49)


def test_a_clock_that_was_never_set_gives_the_arrival_time() -> None:
    assert one(v.BOOTED).fix_time == utc(2015, 5, 5, 0, 46, 59)
    r = one(v.CLOCK_UNSET)  # fffeae80: -86400, not 2068
    assert (r.fix_time, r.kind) == (NOW, RecordKind.STATUS)


def test_text_answer_and_heartbeat() -> None:
    r = one(v.ANSWER_WFE)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS,
        utc(2017, 3, 14, 13, 49, 55),
        {"result": "WFE:0"},
    )
    assert PROTOCOL.decode(v.HELLO, CTX) == []


def test_text_data() -> None:
    frame = (
        b"*TS01,868323025245751,134955140317,GPS:3;S27.942118;E153.341972;5;112;1.12,"
        b"STT:0242;0400,MGR:7392416,ADC:0;14.79;1;40.19;2;4.15#"
    )  # synthetic, in the vendor tool's text item layouts
    r = one(frame)
    assert (r.kind, r.valid, r.fix_time) == (RecordKind.EVENT, True, utc(2017, 3, 14, 13, 49, 55))
    assert (r.latitude, r.longitude, r.speed, r.course) == (-27.942118, 153.341972, 5.0, 112.0)
    a = r.attributes
    assert (a["alarm"], a["ignition"], a["odometer"], a["power"]) == ("sos", True, 7392416, 14.79)
    for bad in (b"GPS:3;X1;E2;0;0;1", b"STT:zz;0", b"MGR:-1", b"ADC:0;nan"):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(b"*TS01,868323025245751,134955140317," + bad + b"#", CTX)


def test_synthetic_blocks() -> None:
    vin = b"1HGCM82633A004352".hex()
    r = one(blocks(f"0d11{vin}0e0b{b'0012345678'.hex()}0103040000ffff"))
    assert (r.attributes["vin"], r.attributes["driverUniqueId"]) == (
        "1HGCM82633A004352",
        "0012345678",
    )
    assert (
        r.attributes["alarm"]
        == "powerCut,movement,overspeed,jamming,geofence,tow,sos,accident,lowBattery"
    )
    r = one(blocks("1005900000008d"))  # event 90: harsh driving mask
    assert r.attributes["alarm"] == "hardAcceleration,hardCornering,highRpm"
    r = one(blocks("0209" + "02cc0011" + "4e8602f153"))  # one cell of a cell list
    assert (r.attributes["lac"], r.attributes["cid"], r.attributes["rssi"]) == (0x4E86, 0x2F1, -83)
    r = one(blocks("0706" + "61a6" + "00012345"))  # odometer PID A6, 0.1 km
    assert r.attributes["obdOdometer"] == 0x12345 * 100
    r = one(blocks("07033142ff"))  # a PID without a table entry
    assert r.attributes["io66"] == 0xFF


def test_malformed_frames() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.PARKED[:-2] + b"\x00\xf8", CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(v.CUT, CTX)
    for data in (
        "010d" + "00" * 13,  # GPS block too short
        "010e" + "60000000" + "00000000" + "000000000000",  # latitude past 90
        "010e" + "00000001" + "00000001" + "03e8" + "0000" + "0064",  # 1000 km/h
        "0303000000",  # STT of three bytes
        "0405ffffffffff",  # mileage of five bytes
        "050100",  # ADC of one byte
        "07020000",  # an OBD item of length 0
        "0701f0",  # an OBD item longer than the block
        "0d0101",  # VIN with a control character
        "100400000000",  # event of four bytes
    ):
        with pytest.raises((InvalidField, TruncatedFrame)):
            PROTOCOL.decode(blocks(data), CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(blocks("0105"), CTX)  # a block longer than the frame


def test_unknown_blocks_and_frame_types() -> None:
    r = one(blocks("06080000000100000000" + "7f0100"))
    assert r.attributes == {}
    assert PROTOCOL.decode(build_binary(b"\x01\xfe\x12\x34"), CTX) == []


def test_device_round_trip() -> None:
    dev = Device("353323083177450")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("353323083177450", expected)
    sent = Record(
        fix_time=utc(2025, 3, 1, 8, 30, 15), valid=True, latitude=-33.868819, longitude=151.209295,
        speed=72.0, course=181.0, attributes={"ignition": True, "power": 12.94, "odometer": 1234567,
        "hdop": 0.8},
    )  # fmt: skip
    frame, expected = dev.report([sent])
    assert fr.feed(frame[:7]) == [] and fr.feed(frame[7:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.ack, up.records, up.unique_id) == (expected, 1, "353323083177450")
    (got,) = decode_sane(PROTOCOL, frame, CTX)
    assert (got.fix_time, got.valid, got.speed, got.course) == (sent.fix_time, True, 72.0, 181.0)
    assert (got.latitude, got.longitude) == (-33.868819, 151.209295)
    a = got.attributes
    assert (a["ignition"], a["odometer"], a["hdop"]) == (True, 1234567, 0.8)
    assert a["power"] == pytest.approx(12.94, abs=0.03)
    assert dev.report([]) == dev.heartbeat() == dev.login()
