"""ATrack decoding: exact values from real binary and text reports (fixed part, multi-record
walks, %CI custom data), no-fix statuses, command replies, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.atrack import PROTOCOL, Device
from fleetwire.protocols.atrack.framing import build_binary
from fleetwire.protocols.base import DecodeContext, Session
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="352964052096642", received=NOW)


def records(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def one(frame: bytes) -> Record:
    got = records(frame)
    assert len(got) == 1
    return got[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    records(frame)


def test_binary_fixed_part() -> None:
    r = one(v.FRAME_ONE)
    assert (r.kind, r.valid, r.fix_time) == (
        RecordKind.POSITION,
        True,
        utc(2013, 10, 16, 17, 31, 9),
    )
    assert (r.latitude, r.longitude) == pytest.approx((40.547543, -3.635179))
    assert (r.speed, r.course, r.satellites, r.altitude) == (11.0, 0.0, None, None)
    assert r.attributes == {
        "event": 2, "odometer": 416400, "hdop": 99.0, "input": 1, "ignition": True,
        "output": 0, "adc1": 0,
    }  # fmt: skip


def test_at1_text_report_with_lower_case_prefix() -> None:
    frame = v.AT1_TEXT_LOWER_P  # "@p,26E2,103,...": logged 10:27 local time in Egypt (UTC+2)
    assert framer(PROTOCOL).feed(frame) == [frame]
    r = one(frame)
    assert (r.fix_time, r.latitude, r.longitude) == (
        utc(2015, 2, 4, 8, 29, 3),
        30.375463,
        30.550901,
    )
    assert (r.course, r.attributes["odometer"], r.attributes["ignition"]) == (225.0, 37224000, True)
    bad = frame[:4] + b"0" + frame[5:]  # the CRC field no longer matches
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(bad, CTX)
    assert PROTOCOL.frame_length(memoryview(b"@p\x00\x10")) == -1  # no binary "@p" frame


def test_text_message_and_south_latitude() -> None:
    r = one(v.TEXT_MESSAGE)
    assert r.fix_time == utc(2018, 2, 17, 23, 1, 18)
    assert (r.latitude, r.longitude, r.course) == pytest.approx((-0.147288, 35.523285, 243))
    assert r.attributes["message"] == "FULS:F=2091 t=17 N=0901"
    assert r.attributes["odometer"] == 19803300  # 198033 x 0.1 km


def test_no_fix_is_a_status_at_the_receive_time() -> None:
    r = one(v.NO_FIX)  # GPS time 0, RTC 201 s after 1970: never set
    assert (r.kind, r.fix_time, r.has_position, r.valid) == (RecordKind.STATUS, NOW, False, False)
    assert r.attributes["hdop"] == 99.0


def test_two_records_without_custom_data() -> None:
    first, second = records(v.TWO)
    assert first.fix_time == second.fix_time == utc(2013, 10, 10, 8, 35, 14)
    assert (first.latitude, first.longitude) == pytest.approx((40.470661, -3.656828))


def test_custom_small() -> None:
    first, second = records(v.CUSTOM_SMALL)
    assert first.fix_time == utc(2015, 10, 27, 20, 56, 24)
    assert (first.satellites, first.altitude) == (9, 424.0)
    assert (first.attributes["power"], first.attributes["battery"]) == (13.1, 4.2)
    assert (first.attributes["rssi"], first.attributes["event"]) == (26, 101)
    assert second.attributes["event"] == 2


def test_thirteen_records_line_up() -> None:
    got = records(v.CUSTOM_13)
    assert len(got) == 13
    assert got[0].fix_time == utc(2024, 3, 30, 3, 27, 44)
    assert got[-1].fix_time == utc(2024, 3, 30, 3, 39, 44)  # one a minute: the walk lines up
    assert got[0].attributes["power"] == 12.7
    assert got[0].attributes["customMT"] == 0
    assert (got[-1].latitude, got[-1].longitude) == pytest.approx((30.397226, -97.640403))


def test_obd_codes() -> None:
    got = records(v.CUSTOM_OBD)
    assert len(got) == 6
    a = got[0].attributes
    assert (a["power"], a["rpm"], a["coolantTemp"], a["customIN0"]) == (26.8, 0, 0, 0)
    assert got[0].altitude == 14.0


def test_zone_codes_with_indexes() -> None:
    got = records(v.CUSTOM_ZONES)
    assert len(got) == 4
    assert (got[0].attributes["power"], got[1].attributes["power"]) == (14.7, 14.9)
    assert got[1].attributes["event"] == 113
    assert {"customZL3", "customZO14", "customZL4"} <= got[0].attributes.keys()


def test_full_custom_block_binary_and_text_agree() -> None:
    first, second = records(v.CUSTOM_FULL)
    a = first.attributes
    assert first.fix_time == utc(2018, 8, 19, 20, 54, 7)
    assert (first.satellites, first.altitude, first.speed) == (12, 253.0, 19.0)
    assert (a["mcc"], a["mnc"], a["cid"], a["lac"], a["rssi"]) == (310, 260, 0, 0, 31)
    assert (a["vin"], a["iccid"]) == ("2T1KR32E28C706185", "8901260881215247759")
    assert (a["engineLoad"], a["coolantTemp"], a["rpm"], a["throttle"]) == (83, 95, 2375, 27)
    assert (a["power"], a["battery"], a["customCM"], a["customME"]) == (
        13.3, 4.1, 310260881524775, 356961075931165,
    )  # fmt: skip
    assert a["customGL"] == "http://maps.google.com/maps?q=43.988312,-88.586189"
    assert (len(a["customGN"]), a["customGV"]) == (120, "FFD8000C0414")
    assert second.fix_time == utc(2018, 8, 19, 20, 54, 8)
    t = one(v.TEXT_FULL)  # the same unit a few days earlier, in text mode
    assert t.fix_time == utc(2018, 8, 16, 1, 7, 36)
    assert (t.latitude, t.longitude) == pytest.approx((44.271225, -88.429188))
    assert (t.satellites, t.altitude, t.attributes["rpm"]) == (12, 252.0, 980)
    assert t.attributes["customGL"] == "http://maps.google.com/maps?q=44.271225,-88.429184"
    assert t.attributes["customGV"] == "0048FF1003E8"
    assert t.attributes["customCM"] == 310260881524775
    assert t.attributes.keys() == a.keys()


def test_at_z_prefix() -> None:
    r = one(v.CUSTOM_Z)
    assert r.fix_time == utc(2018, 8, 16, 1, 24, 3)
    assert (r.speed, r.course, r.attributes["rpm"]) == (26.0, 268.0, 1855)


def test_text_five_records() -> None:
    got = records(v.TEXT_FIVE)
    assert len(got) == 5
    r = got[0]
    assert r.fix_time == utc(2018, 8, 19, 21, 57, 42)
    assert (r.latitude, r.longitude, r.course) == pytest.approx((44.260676, -88.510995, 176))
    assert (r.satellites, r.attributes["power"], r.attributes["cid"]) == (16, 14.4, 7888674)
    assert (r.attributes["mcc"], r.attributes["mnc"], r.attributes["rssi"]) == (310, 260, 29)
    assert got[4].attributes["power"] == 14.5


def test_text_long_dates_and_beacon() -> None:
    r = one(v.TEXT_BEACON)
    assert r.fix_time == utc(2021, 2, 7, 0, 1, 3)
    assert (r.latitude, r.longitude) == pytest.approx((1.348903, 103.939276))
    assert r.attributes["customBC"] == "3:224:F128833445E6002C09C6"
    assert r.attributes["odometer"] == 562800


def test_unknown_custom_code_stops_the_walk_and_keeps_the_rest() -> None:
    record = bytes.fromhex(v.FRAME_ONE[16:].hex())
    payload = record + b"%CI%QQ\x00" + b"\x01\x02" + record
    got = records(build_binary(1, 1, payload))
    assert len(got) == 1
    assert got[0].attributes["custom"] == "0102" + record.hex()


def test_text_without_its_format_keeps_the_values_as_text() -> None:
    line = (
        b"1557178589,1557178590,1557178590,-121899637,37406241,338,230,2809,8,0,0,0,0,,2000,"
        b"2000, ,3,40\r\n"
    )
    r = one(_text_frame(line))
    assert r.attributes["custom"] == "3,40"


def _text_frame(records_text: bytes, seq: int = 5, unit: int = 357766091026083) -> bytes:
    """A text frame with a correct CRC and length, built by hand around ``records_text``."""
    import crcmod.predefined  # the same CRC-16/ARC as the device, from its reference table

    tail = f",{seq},{unit},".encode() + records_text
    length = str(len(tail)).encode()
    crc = crcmod.predefined.mkCrcFun("crc-16")(b"," + length + tail)
    return b"@P," + f"{crc:04X}".encode() + b"," + length + tail


def test_replies() -> None:
    assert one(v.REPLY_OK).attributes == {"result": "$OK"}
    assert one(v.REPLY_ERROR).attributes == {"result": "$ERROR=101"}
    assert one(v.REPLY_INFO).attributes["result"].startswith("$INFO=358683066267395,AX7,")


def test_frames_without_records() -> None:
    assert PROTOCOL.decode(v.KEEPALIVE, CTX) == []
    assert PROTOCOL.decode(v.IMAGE, CTX) == []
    assert PROTOCOL.decode(build_binary(1, 1, b""), CTX) == []
    assert PROTOCOL.decode(build_binary(1, 1, bytes(50)), CTX) == []  # zero padding


def test_out_of_range_and_truncated_records() -> None:
    body = bytearray(v.FRAME_ONE[16:])
    body[16:20] = (95_000_000).to_bytes(4, "big")  # latitude 95
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_binary(1, 1, bytes(body)), CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build_binary(1, 1, v.FRAME_ONE[16:-3]), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(_text_frame(b"1,2,3,4,5,999,2,0,0,0,0,0,0,,2000,2000,\r\n"), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(_text_frame(b"20181399000000,2,3,4,5,9,2,0,0,0,0,0,0,,2000,2000,\r\n"), CTX)


def test_temperatures_and_driver() -> None:
    body = bytearray(v.FRAME_ONE[16:])
    tail = b"D123\x00" + (215).to_bytes(2, "big") + (-50).to_bytes(2, "big", signed=True) + b"\x00"
    frame = build_binary(1, 1, bytes(body[:35]) + tail)  # the 35-byte fixed part, then ours
    a = one(frame).attributes
    assert (a["driverUniqueId"], a["temp1"], a["temp2"]) == ("D123", 21.5, -5.0)


def test_device_round_trip() -> None:
    dev = Device("352964052096642")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack, up.kind) == ("352964052096642", expected, up.kind.HEARTBEAT)
    assert expected == frame

    fixes = [
        Record(
            fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
            longitude=151.209296, altitude=42.0, speed=87.0, course=359.0, satellites=11,
            attributes={"ignition": True, "power": 12.6, "odometer": 987600},
        ),
        Record(fix_time=utc(2026, 11, 26, 11, 59, 40), valid=True, latitude=40.5,
               longitude=-74.25, speed=0.0, course=0.0, satellites=4),
    ]  # fmt: skip
    frame, expected = dev.report(fixes)
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected
    assert expected == b"\xfe\x02" + (352964052096642).to_bytes(8, "big") + b"\x00\x02"
    got = records(frame)
    assert len(got) == 2
    for want, r in zip(fixes, got, strict=True):
        assert (r.fix_time, r.valid, r.speed, r.course, r.satellites) == (
            want.fix_time, True, want.speed, want.course, want.satellites,
        )  # fmt: skip
        assert (r.latitude, r.longitude) == pytest.approx((want.latitude, want.longitude))
    a = got[0].attributes
    assert (got[0].altitude, a["ignition"], a["power"], a["odometer"]) == (42.0, True, 12.6, 987600)

    frame, expected = dev.heartbeat()
    assert PROTOCOL.inspect(frame, session).ack == expected == frame
    assert frame[-2:] == b"\x00\x03"
    assert dev.report([])[0][:2] == b"\xfe\x02"


def test_device_needs_a_numeric_unit_id() -> None:
    with pytest.raises(ValueError, match="64-bit"):
        Device("ABC")
