"""Ruptela decoding: exact values from real frames for records, extended records (with their
parts merged) and command answers, the sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.ruptela import PROTOCOL, Device
from fleetwire.protocols.ruptela.framing import device_packet
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="868324023580306", received=NOW)
IMEI = 868324023580306


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_records_west_longitude() -> None:
    r = one(v.RECORDS_WEST)
    assert r.kind is RecordKind.POSITION
    assert r.fix_time == utc(2015, 10, 6, 14, 21, 33)
    assert (r.latitude, r.longitude) == (pytest.approx(5.6292216), pytest.approx(-0.067495))
    assert (r.altitude, r.speed, r.course, r.satellites, r.valid) == (48.7, 0.0, 0.0, 9, True)
    a = r.attributes
    assert (a["hdop"], a["event"], a["priority"]) == (1.3, 7, 0)
    assert (a["power"], a["battery"], a["odometer"]) == (13.286, 4.097, 30714)
    assert (a["in1"], a["in2"], a["in4"]) == (False, False, False)
    assert (a["adc3"], a["adc4"]) == (12.668, 19.158)
    assert a["io32"] == 44  # ids without a documented meaning keep their number


def test_records_one() -> None:
    r = one(v.RECORDS_ONE)
    assert r.fix_time == utc(2015, 5, 27, 13, 50, 49)
    assert (r.latitude, r.longitude) == (pytest.approx(25.278855), pytest.approx(55.3460016))
    assert (r.speed, r.course, r.satellites) == (9.0, 243.2, 6)
    assert (r.attributes["in4"], r.attributes["power"]) == (True, 12.765)


def test_records_two_and_a_14_digit_imei() -> None:
    first, second = decode_sane(PROTOCOL, v.RECORDS_TWO, CTX)
    assert (first.fix_time, second.fix_time) == (
        utc(2015, 4, 27, 6, 57, 2),
        utc(2015, 4, 27, 6, 57, 24),
    )
    assert (second.speed, second.course, second.attributes["odometer"]) == (5.0, 58.8, 45501)
    first, second = decode_sane(PROTOCOL, v.RECORDS_SHORT_IMEI, CTX)
    assert first.fix_time == utc(2011, 10, 17, 10, 28, 57)
    assert (first.latitude, first.longitude) == (
        pytest.approx(54.6305118),
        pytest.approx(25.2712755),
    )
    assert (first.altitude, first.speed, first.course) == (197.1, 16.0, 69.99)
    assert second.attributes["odometer"] == 21742058


def test_records_without_io() -> None:
    records = decode_sane(PROTOCOL, v.RECORDS_NO_IO, CTX)
    assert len(records) == 5
    assert records[0].fix_time == utc(2014, 1, 19, 5, 4, 2)
    assert records[-1].fix_time == utc(2014, 1, 19, 5, 8, 2)
    assert records[0].attributes == {"priority": 0, "sat": 10, "hdop": 0.9, "event": 7}


def test_extended_record_parts_merge_into_one() -> None:
    r = one(v.EXTENDED_MERGED)
    assert r.fix_time == utc(2016, 10, 18, 21, 8, 26)
    assert (r.latitude, r.longitude) == (pytest.approx(47.0555133), pytest.approx(21.923265))
    assert (r.altitude, r.speed, r.course, r.satellites) == (138.1, 12.0, 92.2, 11)
    a = r.attributes
    assert (a["hdop"], a["event"]) == (1.0, 9)
    assert (a["battery"], a["power"], a["odometer"]) == (4.08, 13.94, 7816907)  # parts 1 and 3
    assert (a["in4"], a["ignition"]) == (True, False)
    assert a["io197"] == 12160  # a 2-byte IO id of the third part


def test_extended_parts_merge_per_timestamp_extension() -> None:
    first, second = decode_sane(PROTOCOL, v.EXTENDED_TWO_MERGED, CTX)
    assert first.fix_time == second.fix_time == utc(2016, 10, 18, 21, 8, 11)
    assert (first.speed, second.speed) == (0.0, 0.0)
    assert first.attributes["power"] == pytest.approx(12.721)
    assert second.attributes["power"] == pytest.approx(12.718)


def test_command_answer() -> None:
    r = one(v.SMS_GETIO_RESPONSE)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {"result": "DIN1=1,DIN2=0,DIN3=0,DIN4=0,DOUT1=1,DOUT2=1,AIN1=17,AIN2=26"}


def test_trouble_codes_with_their_place() -> None:
    live, archived = decode_sane(PROTOCOL, v.DTCS, CTX)
    for r in (live, archived):
        assert (r.kind, r.fix_time, r.valid) == (
            RecordKind.POSITION,
            utc(2011, 10, 17, 22, 41, 48),
            True,
        )
        assert (r.latitude, r.longitude) == (pytest.approx(43.755129), pytest.approx(13.1467505))
        assert r.altitude is None and r.speed is None
    assert live.attributes == {"dtcs": "P0010"}
    assert archived.attributes == {"dtcs": "P0011", "archive": True}


def test_answers_to_configuration_version_firmware_and_set_io() -> None:
    for command in (2, 3, 4):
        r = one(device_packet(IMEI, command, b"OK \r\n"))
        assert (r.kind, r.attributes) == (RecordKind.STATUS, {"result": "OK"})
    assert one(device_packet(IMEI, 17, b"\x01")).attributes == {"result": "1"}
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(device_packet(IMEI, 17, b""), CTX)


def test_commands_without_records() -> None:
    assert PROTOCOL.decode(v.IDENTIFICATION, CTX) == []
    assert PROTOCOL.decode(device_packet(IMEI, 16, b""), CTX) == []
    assert PROTOCOL.decode(device_packet(IMEI, 37, b"\x02\x01"), CTX) == []


def test_no_fix_gives_a_status_without_position() -> None:
    head = bytes.fromhex("58068f4a0000800000008000000000000000000000000000000000")
    r = one(device_packet(IMEI, 1, b"\x00\x01" + head))
    assert (r.kind, r.valid, r.has_position) == (RecordKind.STATUS, False, False)


def test_no_fix_fields_all_ff_are_not_read() -> None:
    records = decode_sane(PROTOCOL, v.NO_FIX_FF, CTX)
    assert len(records) == 29 and {r.kind for r in records} == {RecordKind.STATUS}
    r = records[0]
    assert (r.valid, r.satellites, r.speed, r.course) == (False, None, None, None)
    assert r.attributes == {"priority": 0, "event": 7, "io32": 33, "io27": 255, "power": 12.485}
    assert records[2].attributes["motion"] is True  # IO 173


def test_driver_ids() -> None:
    r = decode_sane(PROTOCOL, v.EMPTY_DRIVER_CARD, CTX)[0]
    assert "driverUniqueId" not in r.attributes and "io126" not in r.attributes  # no card
    no_fix = bytes.fromhex("80000000") * 2 + bytes(8)
    head = bytes.fromhex("60cd0a31") + b"\x00\x00" + no_fix + b"\x07"  # event 7

    def driver(ios: bytes) -> object:
        rec = one(device_packet(IMEI, 1, b"\x00\x01" + head + b"\x00\x00\x00" + ios))
        return rec.attributes.get("driverUniqueId")

    card = b"DRIVER0012345678"
    assert driver(b"\x02\x7e" + card[:8] + b"\x7f" + card[8:]) == "DRIVER0012345678"
    assert driver(b"\x02\x9b" + card[:8] + b"\x9c" + card[8:]) == "DRIVER0012345678"
    assert driver(b"\x01\x22" + bytes.fromhex("01d042f31d000030")) == "01d042f31d000030"


def test_malformed_records() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.RECORDS_ONE[:-1] + b"\x00", CTX)
    body = v.RECORDS_ONE[10:-2]  # command id .. last record
    with pytest.raises(InvalidField):
        PROTOCOL.decode(device_packet(IMEI, body[0], body[1:] + b"\x00"), CTX)  # trailing byte
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(device_packet(IMEI, body[0], body[1:-1]), CTX)
    north_pole_plus = bytes.fromhex("58068f4a0000000000004000000000000000000000000000000000")
    with pytest.raises(InvalidField):
        PROTOCOL.decode(device_packet(IMEI, 1, b"\x00\x01" + north_pole_plus), CTX)


def test_device_round_trip() -> None:
    dev = Device("868324023580306")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("868324023580306", expected)
    sent = Record(
        fix_time=utc(2025, 3, 1, 8, 30, 15),
        valid=True,
        latitude=-33.8688197,
        longitude=151.2092955,
        altitude=58.3,
        speed=72.0,
        course=181.25,
        satellites=12,
        attributes={"ignition": True, "power": 12.94, "odometer": 1234567, "hdop": 0.8},
    )
    parked = Record(fix_time=utc(2025, 3, 1, 8, 31, 15), latitude=0.5, longitude=-0.5)
    frame, expected = dev.report([sent, parked])
    assert fr.feed(frame[:7]) == [] and fr.feed(frame[7:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.ack, up.records, up.unique_id) == (expected, 2, "868324023580306")
    assert expected == v.RECORDS_ACK
    got, got_parked = decode_sane(PROTOCOL, frame, CTX)
    assert got.fix_time == sent.fix_time
    assert (got.latitude, got.longitude) == (pytest.approx(-33.8688197), pytest.approx(151.2092955))
    assert (got.altitude, got.speed, got.course, got.satellites) == (58.3, 72.0, 181.25, 12)
    assert got.attributes == {
        "priority": 0, "sat": 12, "hdop": 0.8, "ignition": True, "power": 12.94,
        "odometer": 1234567,
    }  # fmt: skip
    assert (got_parked.valid, got_parked.latitude, got_parked.longitude) == (False, 0.5, -0.5)
    frame, expected = dev.heartbeat()
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind.value, up.ack) == ("heartbeat", expected)
    assert dev.report([]) == (device_packet(IMEI, 68, b"\x00\x00"), v.RECORDS_ACK)
