"""Digital Matter decoding: exact values from real messages (GPS, digital and analogue fields in
the shared vocabulary, debug text, records without a fix or a clock), the hello's versions, the
sanity check on every record, and the Device round trip with its commit."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.dmt import PROTOCOL, Device
from fleetwire.protocols.dmt.framing import COMMIT_RESPONSE, build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="353323081669730", received=NOW)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def records(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_real_message_decodes_sanely(frame: bytes) -> None:
    records(frame)


def test_perth_record() -> None:
    (r,) = records(v.PERTH)
    assert r.kind is RecordKind.POSITION
    assert r.fix_time == utc(2014, 5, 5, 2, 44, 18)  # GPS time, seconds since 2013
    assert (r.latitude, r.longitude, r.altitude) == (-31.9536144, 115.824465, 43.0)
    assert (r.valid, r.speed, r.course, r.satellites) == (True, 1.12, 0.0, None)  # 31 cm/s
    a = r.attributes
    assert (a["index"], a["event"], a["pdop"], a["accuracy"]) == (17991, 11, 1.7, 35)
    assert (a["input"], a["output"], a["status"]) == (0, 0, 10)
    # the values the bitid README states for this device: BATT 4.094, SIG 29, AI2 30, AI3 2239
    assert (a["battery"], a["rssi"], a["power"], a["deviceTemp"]) == (4.094, 29, 0.03, 22.39)
    assert a["io5"] == 0  # an analogue id without a vocabulary name keeps its number


def test_two_periodic_records() -> None:
    first, second = records(v.TWO_RECORDS)
    assert first.fix_time == utc(2021, 2, 5, 5, 51, 55)
    assert (first.latitude, first.longitude, first.altitude) == (55.457414, 9.9343941, 30.0)
    assert (first.speed, first.course) == (83.88, 296.0)  # 2330 cm/s, heading 148 x 2
    assert (first.attributes["index"], second.attributes["index"]) == (565, 566)
    assert first.attributes["input"] == 3
    assert (first.attributes["battery"], first.attributes["deviceTemp"]) == (4.125, 21.12)
    assert (first.attributes["rssi"], first.attributes["io6"]) == (24, 7214)
    assert second.fix_time == utc(2021, 2, 5, 6, 7, 2)


def test_thirty_two_bit_analogue_field() -> None:
    rs = records(v.TWELVE_RECORDS)
    assert len(rs) == 12
    a = rs[0].attributes
    assert (a["io11"], a["io12"], a["io13"], a["io14"], a["io15"]) == (48, 3, 488, 3785, 7)
    assert [r.attributes["index"] for r in rs] == list(range(518, 530))
    assert all(r.kind is RecordKind.POSITION and r.valid for r in rs)


def test_debug_records_without_fix_or_clock() -> None:
    rs = records(v.DEBUG_RECORDS)
    assert len(rs) == 20
    reset = rs[0]
    assert (reset.kind, reset.fix_time) == (RecordKind.STATUS, NOW)  # RTC 0: not set yet
    assert reset.attributes == {
        "index": 13, "event": 21, "debug": "RESET Dart 34.2.1.9 flags=1 WD=0",
    }  # fmt: skip
    nofix = rs[2]
    assert (nofix.kind, nofix.latitude, nofix.attributes["event"]) == (RecordKind.STATUS, None, 9)
    assert (nofix.attributes["battery"], nofix.attributes["power"]) == (4.139, 0.064)
    assert nofix.attributes["deviceTemp"] == 36.96


def test_hello_and_other_messages() -> None:
    (r,) = records(v.HELLO)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {
        "versionFw": "1.9", "versionHw": "2", "type": 0x22, "iccid": "89610185001824844630",
    }  # fmt: skip
    assert records(v.ASYNC_SESSION) == []
    assert records(build(0x99, b"\x01\x02")) == []


def test_compact_64_byte_records() -> None:
    (r,) = records(v.COMPACT_ONE)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2018, 3, 14, 11, 46, 24),
        True,
    )
    assert (r.latitude, r.longitude, r.altitude, r.speed, r.course) == (
        -29.4937869, 31.2025029, 66.0, 0.0, 252.0,
    )  # fmt: skip
    assert r.attributes == {
        "index": 894124, "event": 3, "input": 1, "output": 0, "pdop": 2.38,
        "adc1": 4235, "adc2": 13925, "adc3": 0, "adc4": 0, "adc5": 0,
    }  # fmt: skip
    two = records(v.COMPACT_TWO)
    assert [x.attributes["index"] for x in two] == [894125, 894126]
    assert [x.attributes["event"] for x in two] == [9, 2]
    with pytest.raises(TruncatedFrame):
        records(build(0x10, v.COMPACT_ONE[5:-1]))
    with pytest.raises(InvalidField):  # month 0 in the packed date-time
        records(build(0x10, v.COMPACT_ONE[5:10] + bytes(4) + v.COMPACT_ONE[14:]))


def test_field_values() -> None:
    # south-west, an invalid fix, a negative temperature, an unknown field
    gps = b"\x00\x15" + struct.pack("<IiihHBBBBB", 16, -255_000_000, -1_202_500_000, -10, 100, 0,
                                      90, 15, 9, 0)  # fmt: skip
    analog = b"\x06\x03" + struct.pack("<Bh", 3, -1000)
    other = b"\x09\x02\xab\xcd"
    body = gps + analog + other
    head = struct.pack("<HIIB", 11 + len(body), 1, 32, 4)
    (r,) = records(build(4, head + body))
    assert (r.fix_time, r.valid, r.kind) == (utc(2013, 1, 1, 0, 0, 16), False, RecordKind.POSITION)
    assert (r.latitude, r.longitude, r.altitude) == (-25.5, -120.25, -10.0)
    assert (r.speed, r.course) == (3.6, 180.0)
    a = r.attributes
    assert (a["pdop"], a["accuracy"], a["deviceTemp"], a["field9"]) == (1.5, 9, -10.0, "abcd")


def test_malformed_records() -> None:
    def one(fields: bytes) -> bytes:
        head = (11 + len(fields)).to_bytes(2, "little") + bytes(9)
        return build(4, head + fields)

    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(4, v.PERTH[5:-1]), CTX)
    with pytest.raises(InvalidField):  # record shorter than its head
        PROTOCOL.decode(build(4, b"\x05\x00" + bytes(9)), CTX)
    with pytest.raises(TruncatedFrame):  # field overruns its record
        PROTOCOL.decode(one(b"\x02\x08\x00"), CTX)
    with pytest.raises(InvalidField):  # GPS field too short
        PROTOCOL.decode(one(b"\x00\x02\x01\x00"), CTX)
    with pytest.raises(InvalidField):  # latitude 100 degrees
        PROTOCOL.decode(
            one(b"\x00\x15\x01\x00\x00\x00" + (10**9).to_bytes(4, "little") + bytes(13)), CTX
        )
    with pytest.raises(InvalidField):  # heading 400 degrees
        PROTOCOL.decode(one(b"\x00\x15\x01\x00\x00\x00" + bytes(13) + b"\xc8" + bytes(3)), CTX)
    with pytest.raises(InvalidField):  # 1000 km/h and more
        PROTOCOL.decode(one(b"\x00\x15\x01" + bytes(13) + b"\x90\x6c" + bytes(5)), CTX)
    with pytest.raises(InvalidField):  # a time from 2081 on
        PROTOCOL.decode(one(b"\x00\x15\x00\x00\x00\x80" + bytes(17)), CTX)
    with pytest.raises(InvalidField):  # analogue pairs cut
        PROTOCOL.decode(one(b"\x06\x02\x01\x00"), CTX)


def test_device_round_trip() -> None:
    dev = Device("353323081669730")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("353323081669730", expected)
    sent = [
        Record(
            fix_time=utc(2025, 6, 1, 10, 0, 0), valid=True, latitude=-33.868819,
            longitude=151.209295, altitude=58.0, speed=72.0, course=182.0,
            attributes={"power": 12.94, "battery": 4.1, "input": 1},
        ),
        Record(fix_time=utc(2025, 6, 1, 10, 0, 30), latitude=0.5, longitude=-0.5),
    ]  # fmt: skip
    frame, expected = dev.report(sent)
    assert expected == b""
    assert fr.feed(frame[:7]) == [] and fr.feed(frame[7:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.ack, up.records) == (FrameKind.DATA, b"", 2)
    got = records(frame)
    assert [(r.fix_time, r.latitude, r.longitude, r.valid) for r in got] == [
        (s.fix_time, s.latitude, s.longitude, s.valid) for s in sent
    ]
    assert (got[0].speed, got[0].course, got[0].altitude) == (72.0, 182.0, 58.0)
    a = got[0].attributes
    assert (a["power"], a["battery"], a["input"]) == (12.94, 4.1, 1)
    commit, answer = dev.commit()
    assert answer == COMMIT_RESPONSE == PROTOCOL.inspect(commit, session).ack
    assert dev.heartbeat() == dev.commit()
