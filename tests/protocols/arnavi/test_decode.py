"""ARNAVI decoding: exact values from real packages (one record per TAGS packet, tags 3/4/5 in
the shared vocabulary, other tags as io<tag>), text messages, command results, the sanity check
on every record, and the Device round trip."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.arnavi import PROTOCOL, Device
from fleetwire.protocols.arnavi.framing import build_package, build_packet
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="861785007918323", received=NOW)
T0 = datetime(2017, 7, 7, 5, 9, 55, tzinfo=UTC)


def records(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def tags(*pairs: tuple[int, int]) -> bytes:
    return b"".join(struct.pack("<BI", tag, value) for tag, value in pairs)


def f32(x: float) -> int:
    return int(struct.unpack("<I", struct.pack("<f", x))[0])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    records(frame)


def test_one_tags_packet() -> None:
    (r,) = records(v.ONE_RECORD)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, T0, True)
    assert (r.latitude, r.longitude) == (45.055973, 39.033474)  # Traccar: 45.05597, 39.03347
    # tag 5 = 1E 78 02 54: course 0x54 * 2, altitude 2 * 10 m, 8 GPS + 7 GLONASS, 30 knots
    assert (r.course, r.altitude, r.satellites, r.speed) == (168.0, 20.0, 15, 55.56)
    assert r.attributes == {
        "io9": 0x21C5F000,
        "io91": 0x0084004E,
        "io92": 0x007C0000,
        "io93": 0x00A30000,
        "io250": 0x137,
    }


def test_two_tags_packets_are_two_records() -> None:
    rs = records(v.TWO_RECORDS)
    assert [(r.fix_time, r.latitude, r.longitude) for r in rs] == [(T0, 45.055973, 39.033474)] * 2


def test_text_binary_and_command_result() -> None:
    (r,) = records(v.TEXT)
    assert (r.kind, r.attributes) == (RecordKind.EVENT, {"text": "traccar"})
    assert r.fix_time == datetime(2012, 10, 3, 8, 5, 55, tzinfo=UTC)  # 0x506BF1E3
    assert len(records(v.TWO_TEXTS)) == 2
    assert records(v.BINARY) == [] and records(v.TWO_BINARIES) == []
    (r,) = records(v.COMMAND_RESULT)
    assert (r.kind, r.fix_time, r.attributes) == (RecordKind.STATUS, NOW, {"result": "0"})
    assert records(v.HEADER_V1) == [] and records(bytes.fromhex("5b015d")) == []


def test_tag_values() -> None:
    body = tags(
        (3, f32(-33.5)), (4, f32(-151.25)),
        (5, 0x00_10_03_B4),  # 0 knots, 0 GPS + 1 GLONASS, 3 * 10 m, 0xB4 * 2 = 360 deg
    )  # fmt: skip
    (r,) = records(build_package(2, build_packet(1, 1_700_000_000, body)))
    assert (r.latitude, r.longitude) == (-33.5, -151.25)
    assert (r.course, r.altitude, r.satellites, r.speed, r.valid) == (360.0, 30.0, 1, 0.0, True)
    (r,) = records(build_package(2, build_packet(1, 1_700_000_000, tags((3, 0), (4, 0), (5, 0)))))
    assert (r.kind, r.valid, r.satellites) == (RecordKind.POSITION, False, 0)  # no satellites
    (r,) = records(build_package(2, build_packet(1, 1_700_000_000, tags((1, 12_500)))))
    assert (r.kind, r.latitude, r.attributes) == (RecordKind.STATUS, None, {"io1": 12_500})


def test_malformed_packages() -> None:
    def one(body: bytes) -> bytes:
        return build_package(1, build_packet(1, 1_700_000_000, body))

    with pytest.raises(InvalidField):  # not a run of 5-byte tags
        PROTOCOL.decode(one(b"\x03\x00\x00\x00"), CTX)
    with pytest.raises(InvalidField):  # latitude 100 degrees
        PROTOCOL.decode(one(tags((3, f32(100.0)))), CTX)
    with pytest.raises(InvalidField):  # longitude NaN
        PROTOCOL.decode(one(tags((4, 0x7FC00000))), CTX)
    with pytest.raises(InvalidField):  # course 0xFF * 2 = 510 degrees
        PROTOCOL.decode(one(tags((5, 0xFF))), CTX)
    with pytest.raises(InvalidField):  # a latitude without its longitude
        PROTOCOL.decode(one(tags((3, f32(10.0)))), CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(v.TWO_RECORDS[:-2] + b"\x5d", CTX)


def test_device_round_trip() -> None:
    dev = Device("861785007918323")
    session = Session(received_us=1_700_000_000_000_000)
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert frame == v.HEADER_V2
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert up.unique_id == "861785007918323"
    assert up.ack != expected and dev.accepts(expected, up.ack)
    assert not dev.accepts(expected, up.ack[:-1] + b"\x00")
    sent = [
        Record(
            fix_time=datetime(2025, 6, 1, 10, 0, tzinfo=UTC), valid=True, latitude=55.751244,
            longitude=37.618423, altitude=150.0, speed=74.08, course=182.0, satellites=19,
        ),
        Record(fix_time=datetime(2025, 6, 1, 10, 0, 30, tzinfo=UTC), latitude=0.5, longitude=-0.5),
    ]  # fmt: skip
    frame, expected = dev.report(sent)
    assert fr.feed(frame[:5]) == [] and fr.feed(frame[5:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.ack, up.records) == (FrameKind.DATA, expected, 2)
    assert expected == bytes.fromhex("7b00017d") and dev.accepts(expected, up.ack)
    got = records(frame)
    assert [(r.fix_time, r.valid) for r in got] == [(s.fix_time, s.valid) for s in sent]
    assert got[0].latitude == pytest.approx(55.751244, abs=1e-5)
    assert got[0].longitude == pytest.approx(37.618423, abs=1e-5)
    assert (got[0].speed, got[0].course, got[0].altitude, got[0].satellites) == (
        74.08,  # 40 knots
        182.0,
        150.0,
        19,
    )
    assert dev.report([])[1] == bytes.fromhex("7b00027d")
