"""Galileosky decoding: exact values from real packets (records split where a tag repeats, tag
values in the shared vocabulary), command replies, the sanity check on every record, and the
Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.galileo import PROTOCOL, Device
from fleetwire.protocols.galileo.framing import build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="868345032042426", received=NOW)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def records(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_real_packet_decodes_sanely(frame: bytes) -> None:
    records(frame)


def test_one_record_with_head_tags() -> None:
    (r,) = records(v.MULTI_TAG_HEAD)
    assert r.kind is RecordKind.POSITION
    assert r.fix_time == utc(2018, 9, 17, 13, 22, 4)
    assert (r.latitude, r.longitude) == (24.709763, 46.665418)
    assert (r.valid, r.satellites, r.altitude, r.speed, r.course) == (True, 12, 696.0, 0.0, 0.0)
    a = r.attributes
    assert (a["versionHw"], a["versionFw"], a["index"]) == ("130", "19", 1700)
    assert (a["hdop"], a["power"], a["battery"], a["deviceTemp"]) == (0.5, 16.24, 4.139, 35)
    assert (a["status"], a["output"], a["input"], a["odometer"]) == (0x3E00, 4, 0xE000, 5331)
    assert a["io160"] == 0  # CAN8BITR15: a tag without a vocabulary name keeps its number
    assert "driverUniqueId" not in a  # iButton 0: no key


def test_five_records_split_on_repeated_tags() -> None:
    rs = records(v.FIVE_RECORDS)
    assert [r.attributes["index"] for r in rs] == [17720, 17721, 17722, 17723, 17724]
    first = rs[0]
    assert first.fix_time == utc(2018, 9, 11, 5, 21, 12)
    assert (first.latitude, first.longitude) == (26.294976, 49.924871)
    assert (first.speed, first.course, first.altitude) == (10.1, 179.8, 19.0)
    assert (first.attributes["power"], first.attributes["odometer"]) == (27.171, 342937)
    assert first.attributes["adc1"] == 0


def test_eleven_records_with_analog_inputs() -> None:
    rs = records(v.ELEVEN_RECORDS)
    assert len(rs) == 11
    r = rs[0]
    assert r.fix_time == utc(2016, 6, 24, 3, 28, 53)
    assert (r.latitude, r.longitude, r.speed, r.course) == (53.41784, 50.167228, 9.9, 106.2)
    assert (r.satellites, r.attributes["hdop"]) == (5, 2.8)
    assert (r.attributes["adc1"], r.attributes["adc2"], r.attributes["adc3"]) == (
        27428,
        27238,
        1356,
    )
    assert r.attributes["input"] == 3


def test_records_without_imei_and_user_data() -> None:
    rs = records(v.FIFTEEN_RECORDS)
    assert len(rs) == 15
    assert rs[0].fix_time == utc(2014, 4, 14, 15, 58, 31)
    assert (rs[0].latitude, rs[0].longitude) == (59.665656, 69.994)
    assert (rs[0].speed, rs[0].course) == (109.5, 67.0)
    rs = records(v.TEN_RECORDS_USER_DATA)
    assert len(rs) == 10
    assert rs[0].fix_time == utc(2017, 2, 11, 21, 31, 17)
    assert (rs[0].latitude, rs[0].longitude, rs[0].altitude) == (42.6548, 23.398732, 577.0)
    assert [r.attributes["userData0"] for r in rs[:3]] == [147, 148, 149]


def test_command_replies() -> None:
    (r,) = records(v.REPLY_OUT)
    assert (r.kind, r.fix_time, r.attributes["result"]) == (
        RecordKind.STATUS,
        NOW,
        "OUT(3..0) = 1110",
    )
    (r,) = records(v.REPLY_INALL)
    assert r.attributes["result"].startswith("INALL:in0=11206,in1=0")


def test_head_packets() -> None:
    (r,) = records(v.HEAD_PACKET)
    assert (r.kind, r.attributes) == (RecordKind.STATUS, {"versionHw": "17", "versionFw": "230"})
    assert records(v.HEAD_ARCHIVE) == []  # identity only
    assert records(v.PHOTO) == []


def test_tag_values() -> None:
    # GSM-cell coordinates (source 2) south-west, a thermometer, an iButton key
    body = bytes.fromhex(
        "20" "c0120564"  # 2023-03-05T22:08:00Z
        "30" "27" "20625cfe" "208aa3f8"  # cell fix, 7 satellites, -27.5 / -123.5
        "34" "f6ff"  # -10 m
        "70" "01" "e7"  # thermometer 0: id 1, -25 C
        "90" "78563412"
    )  # fmt: skip
    (r,) = records(build(1, body))
    assert r.fix_time == utc(2023, 3, 5, 22, 8)
    assert (r.latitude, r.longitude, r.altitude) == (-27.5, -123.5, -10.0)
    assert (r.valid, r.satellites, r.attributes["approximate"]) == (True, 7, True)
    assert (r.attributes["temp1"], r.attributes["driverUniqueId"]) == (-25, "12345678")
    (r,) = records(build(1, bytes.fromhex("30100000000000000000")))
    assert (r.valid, r.fix_time) == (False, NOW)  # source 1: not a fix; no time tag


def test_malformed_packets() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.HEAD_PACKET[:-1] + b"\x00", CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(1, b"\x20\x00\x00\x00\x00\x31\x00"), CTX)  # unknown tag
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(1, b"\x20\x00\x00"), CTX)
    with pytest.raises(InvalidField):  # latitude 100 degrees
        PROTOCOL.decode(build(1, bytes.fromhex("300000e1f50500000000")), CTX)
    with pytest.raises(InvalidField):  # course 400 degrees
        PROTOCOL.decode(build(1, bytes.fromhex("330000a00f")), CTX)


def test_device_round_trip() -> None:
    dev = Device("868345032042426")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("868345032042426", expected)
    sent = [
        Record(
            fix_time=utc(2025, 6, 1, 10, 0, 0), valid=True, latitude=-33.868819,
            longitude=151.209295, altitude=58.0, speed=72.5, course=181.3, satellites=11,
            attributes={"power": 12.94, "odometer": 1234567},
        ),
        Record(fix_time=utc(2025, 6, 1, 10, 0, 30), latitude=0.5, longitude=-0.5),
    ]  # fmt: skip
    frame, expected = dev.report(sent)
    assert fr.feed(frame[:5]) == [] and fr.feed(frame[5:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind.value, up.ack, up.records, up.unique_id) == ("data", expected, 2, None)
    got = records(frame)
    assert [(r.fix_time, r.latitude, r.longitude, r.valid) for r in got] == [
        (s.fix_time, s.latitude, s.longitude, s.valid) for s in sent
    ]
    assert (got[0].speed, got[0].course, got[0].altitude, got[0].satellites) == (
        72.5,
        181.3,
        58.0,
        11,
    )
    assert (got[0].attributes["power"], got[0].attributes["odometer"]) == (12.94, 1234567)
    assert dev.heartbeat()[1] == b"\x02" + dev.heartbeat()[0][-2:]
    assert dev.report([]) == dev.heartbeat()


def test_a_zero_time_is_an_invalid_field() -> None:
    """TRACCAR's MULTI_TAG_HEAD with its time tag (0x20, u32 seconds since 1970) set to 0 and
    the checksum made right: the fuzz contract found records dated 1970-01-01."""
    body = bytearray(v.MULTI_TAG_HEAD[3:-2])
    at = body.index(bytes.fromhex("207caa9f5b")) + 1
    body[at : at + 4] = bytes(4)
    with pytest.raises(InvalidField, match=r"fix time 1970-01-01T00:00:00\+00:00 before 2000"):
        PROTOCOL.decode(build(v.MULTI_TAG_HEAD[0], bytes(body)), CTX)
