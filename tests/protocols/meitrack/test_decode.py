"""Meitrack decoding: exact values from real frames for every message type decoded, the sanity
check on every record, options, unknown types, and the Device round trip."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.meitrack import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="353358017784062", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:7].decode("latin-1"))
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_aaa_sos_vendor_example() -> None:
    r = one(v.DOC_SOS)
    assert r.kind == RecordKind.EVENT
    assert r.fix_time == utc(2010, 3, 13, 9, 56, 53)
    assert (r.latitude, r.longitude, r.valid) == (22.538169, 114.075958, True)
    assert (r.satellites, r.speed, r.course, r.altitude) == (3, 4.0, 46.0, 581.0)
    a = r.attributes
    assert (a["alarm"], a["event"], a["rssi"], a["hdop"]) == ("sos", 1, 21, 5.0)
    assert (a["odometer"], a["hours"]) == (0, 148_000)


def test_aaa_frame_decoder_capture() -> None:
    r = one(v.TRACCAR_FRAME)
    assert (r.kind, r.fix_time) == (RecordKind.POSITION, utc(2015, 4, 9, 21, 10, 26))
    assert (r.latitude, r.longitude) == (-1.30268, 36.852135)
    assert (r.speed, r.course, r.altitude, r.satellites) == (0.1, 0.0, 1653.0, 9)
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (639, 2, 0x1004, 0x90C)
    assert (a["odometer"], a["hours"]) == (4096, 32_648_000)
    assert (a["adc4"], a["adc5"]) == (0x3FF, 0x300)


def test_aaa_south_west_and_cell() -> None:
    r = one(v.TRACCAR_SOUTH_WEST)
    assert r.fix_time == utc(2013, 5, 7, 20, 16, 25)
    assert (r.latitude, r.longitude) == (-29.960365, -51.655455)
    assert r.attributes["mcc"] == 724
    r = one(v.TRACCAR_SYDNEY)
    assert (r.latitude, r.longitude) == (-33.866423, 151.19006)


def test_aaa_inputs_in_the_high_byte() -> None:
    a = one(v.TRACCAR_INPUT).attributes
    assert (a["input"], a["output"], a["in4"], a["in1"]) == (8, 0, True, False)
    a = one(v.TRACCAR_WEST).attributes  # SOS on input 1
    assert (a["alarm"], a["input"], a["in1"]) == ("sos", 1, True)


def test_aaa_invalid_fix_keeps_the_last_position() -> None:
    r = one(v.TRACCAR_INVALID)
    assert (r.valid, r.latitude, r.kind) == (False, 47.05522, RecordKind.POSITION)
    assert r.attributes["event"] == 29
    assert "adc3" not in r.attributes and r.attributes["adc4"] == 0x28C  # empty part skipped
    r = one(v.TRACCAR_NO_CELL)
    assert "mcc" not in r.attributes  # 0|0|0000|00000000


def test_aaa_volts_in_analog_field() -> None:
    a = one(v.TRACCAR_VOLTS).attributes
    assert (a["adc1"], a["adc2"], a["adc5"]) == (4.33, 12.96, 2.69)
    assert "mcc" not in a  # 000|00||


def test_aaa_rfid_and_temperature() -> None:
    assert one(v.TRACCAR_RFID).attributes["driverUniqueId"] == "006380DF"
    assert one(v.TRACCAR_TEMP).attributes["temp1"] == 27.06  # 01 + 0x0A92
    assert "temp0" not in one(v.TRACCAR_TEMP_SENSOR_0).attributes
    a = one(v.TRACCAR_V108).attributes
    assert (a["event"], a["input"], a["cid"]) == (109, 0x84, 0x07D20555)


def test_aff_is_aaa_behind_a_serial() -> None:
    body = v.TRACCAR_EDITED_BAD_SUM.split(b",", 2)[2].rsplit(b"*", 1)[0]  # AFF,0004,35,...
    r = one(v.frame(b"$$", "J", "123123123123123", body))
    assert r.fix_time == utc(2014, 9, 28, 19, 28, 56)
    assert (r.latitude, r.longitude, r.satellites) == (58.588926, 16.180473, 10)
    assert r.attributes["event"] == 35


def test_ccc_batch() -> None:
    r = one(v.TRACCAR_CCC)
    assert r.fix_time == utc(2014, 5, 24, 4, 59, 49)  # the decoder test's expectation
    assert (r.valid, r.latitude, r.longitude) == (False, -7.266504, 112.743651)
    assert (r.satellites, r.speed) == (9, 0.0)
    a = r.attributes
    assert (a["event"], a["rssi"], a["odometer"], a["hours"]) == (35, 19, 80083, 180_092_000)
    # the same device's AAA reports give 510|1|3504|EBFE
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (510, 1, 0x3504, 0xEBFE)


def test_cce_batch_of_three() -> None:
    records = decode_sane(PROTOCOL, v.TRACCAR_CCE_3, CTX)
    assert [r.fix_time for r in records] == [utc(2021, 12, 20, 11, 12, s) for s in (18, 19, 20)]
    assert [r.attributes["event"] for r in records] == [22, 1, 35]
    assert [r.attributes.get("alarm") for r in records] == ["powerRestored", "sos", None]
    r = records[0]
    assert (r.latitude, r.longitude, r.valid) == (26.304076, 50.203481, False)
    a = r.attributes
    assert (a["battery"], a["power"], a["adc1"]) == (3.97, 13.79, 0x551)
    assert (a["input"], a["in8"], a["output"]) == (0x80, True, 0)


def test_cce_with_cell_and_unmapped_ids() -> None:
    r = one(v.TRACCAR_CCE_CELL)
    assert r.fix_time == utc(2020, 9, 30, 0, 7, 45)
    assert (r.latitude, r.longitude, r.valid) == (1.3562, 103.739715, True)
    assert (r.speed, r.course, r.altitude, r.satellites) == (28.0, 313.0, 23.0, 9)
    a = r.attributes
    assert (a["event"], a["alarm"], a["hdop"], a["rssi"]) == (90, "hardCornering", 0.7, 27)
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (525, 3, 0x7AAA, 0x019EF60A)
    assert (a["odometer"], a["battery"], a["power"]) == (3033701, 4.14, 14.29)
    assert a["io153"] == 0x08C4  # an id without a vocabulary name keeps its number


def test_cce_heartbeat() -> None:
    r = one(v.TRACCAR_CCE_HEARTBEAT)
    assert r.attributes["event"] == 31
    assert (r.latitude, r.longitude, r.altitude) == (47.068393, 15.440636, 411.0)


def test_command_answers() -> None:
    assert one(v.DOC_C01_OK).attributes == {"result": "OK"}
    assert one(v.DOC_C01_OK).kind == RecordKind.STATUS
    assert one(v.TRACCAR_D03_OK).attributes == {"result": "OK"}


def test_types_without_records() -> None:
    pic = v.frame(b"$$", "A", "864507031219974", b"D00,x.jpg,14,0,\xff\xd8\x2a")
    assert PROTOCOL.decode(pic, CTX) == []
    assert PROTOCOL.decode(v.frame(b"$$", "A", "864507031219974", b"XYZ,1"), CTX) == []


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 3})
    assert one(v.DOC_SOS, ctx).fix_time == utc(2010, 3, 13, 6, 56, 53)


def test_bad_checksum_is_not_decoded() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.TRACCAR_EDITED_BAD_SUM, CTX)


def test_out_of_range_fields_are_invalid() -> None:
    good = b"AAA,35,22.5,114.0,100313095653,A,3,21,4,46,5,581,0,148,0|0|0|0,0000,0000,"
    assert one(v.frame(b"$$", "A", "353358017784062", good)).latitude == 22.5
    for bad in (
        good.replace(b"22.5", b"92.5"),
        good.replace(b"100313", b"101313"),
        good.replace(b",46,", b",461,"),
        good.replace(b"0000,0000,", b"00G0,0000,"),
        good.replace(b"22.5", b"nan"),
        b"AAA,35,22.5,114.0",
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(v.frame(b"$$", "A", "353358017784062", bad), CTX)
    # CCE: 1 packet of 8 bytes, 1 param: one 1-byte (satellites 200), no 2-, 4- or sized ones
    cce = b"CCE," + struct.pack("<IHHH", 0, 1, 8, 1) + bytes((1, 6, 200, 0, 0, 0))
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.frame(b"$$", "A", "353358017784062", cce), CTX)
    cce = b"CCE," + struct.pack("<IHH", 0, 1, 60)  # a packet longer than the batch
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.frame(b"$$", "A", "353358017784062", cce), CTX)


def test_device_round_trip() -> None:
    dev = Device("353358017784062")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack, expected) == ("353358017784062", b"", b"")
    r = one(frame)
    assert (r.kind, r.fix_time, r.attributes["event"]) == (RecordKind.STATUS, NOW, 31)

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
        longitude=151.209296, altitude=-12.0, speed=87.0, course=359.0, satellites=11,
        attributes={"mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "rssi": 25, "hdop": 0.9,
                    "odometer": 987654, "hours": 3_600_000},
    )  # fmt: skip
    for records in ([fix], [fix, fix, fix]):
        frame, expected = dev.report(records)
        assert fr.feed(frame) == [frame]
        up = PROTOCOL.inspect(frame, session)
        assert (up.ack, expected, up.records) == (b"", b"", len(records))
        got = decode_sane(PROTOCOL, frame, CTX)
        assert len(got) == len(records)
        for r in got:
            assert (r.fix_time, r.valid, r.latitude, r.longitude) == (
                fix.fix_time, True, fix.latitude, fix.longitude,
            )  # fmt: skip
            assert (r.altitude, r.speed, r.course, r.satellites) == (-12.0, 87.0, 359.0, 11)
            assert {k: r.attributes[k] for k in fix.attributes} == fix.attributes
            assert r.attributes["event"] == 35

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
