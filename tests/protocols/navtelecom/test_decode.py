"""Navtelecom decoding: exact values from the real ~A laid out by its real *>FLEX, the sanity
check on every record, the refusal to guess a layout, command answers, and the Device round
trip through negotiation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.navtelecom import PROTOCOL, Device
from fleetwire.protocols.navtelecom.device import bitfield
from fleetwire.protocols.navtelecom.framing import build_flex, crc8
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

BITFIELD = v.FLEX[26:]  # the *>FLEX 3.0 capture's bitfield, which its ~A capture follows
CTX = DecodeContext("866795031410689", NOW, context=BITFIELD)
BARE = DecodeContext("866795031410689", NOW)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:20].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_array_of_four_records() -> None:
    rs = decode_sane(PROTOCOL, v.ARRAY, CTX)
    assert [r.attributes["index"] for r in rs] == [401666, 401667, 401668, 401669]
    r = rs[0]
    assert (r.kind, r.valid, r.fix_time) == (RecordKind.POSITION, True, utc(2021, 9, 1, 16, 48, 4))
    assert (r.latitude, r.longitude) == (pytest.approx(55.8273183), pytest.approx(37.650535))
    assert (r.altitude, r.course, r.satellites) == (149.0, 296.0, 11)
    assert r.speed == pytest.approx(8.90812, abs=1e-5)
    a = r.attributes
    assert (a["event"], a["sat"], a["odometer"]) == (5893, 11, 19304424)
    assert (a["power"], a["battery"], a["input"], a["output"]) == (14.186, 4.102, 0, 0)
    assert (a["in1"], a["out1"]) == (False, False)
    assert a["io106"] == 600  # a sized field without a vocabulary name keeps its number
    assert [x.attributes["odometer"] for x in rs] == [19304424, 19304461, 19304469, 19304479]
    assert rs[-1].fix_time == utc(2021, 9, 1, 16, 48, 47)
    assert (rs[-1].course, rs[-1].altitude) == (77.0, 150.3)


def test_no_bitfield_no_guess() -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.ARRAY, BARE)
    first_15 = v.FLEX10_FIRST_BYTE[26:]  # 39-byte records: not this frame's 171
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.ARRAY, DecodeContext(None, NOW, context=first_15))


def test_unsized_field_before_the_position_is_refused() -> None:
    """Field 193 cannot be sized: a layout whose first field it is locates nothing, so the
    record decodes to no field at all, never to a guessed position."""
    bits = bytearray(32)
    bits[24] = 0x80  # field 193
    record = bytes(20)
    frame = build_flex(ord("C"), b"", record)
    rs = PROTOCOL.decode(frame, DecodeContext(None, NOW, context=bytes(bits)))
    assert len(rs) == 1 and not rs[0].has_position and rs[0].attributes == {}
    with pytest.raises(InvalidField):  # the sized fields alone fill the record
        PROTOCOL.decode(frame, DecodeContext(None, NOW, context=bytes.fromhex("ffffe0")))


def test_command_answer_and_frames_without_records() -> None:
    (r,) = decode_sane(PROTOCOL, v.ANSWER, BARE)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS,
        NOW,
        {"result": "*@CNCT_DRC OK"},
    )
    for frame in (v.LOGIN, v.FLEX, v.VENDOR_FLEX, b"\x7f"):
        assert PROTOCOL.decode(frame, BARE) == []


def test_device_round_trip() -> None:
    dev = Device("866795031410689")
    session = Session()
    fr = framer(PROTOCOL)
    frames = [dev.login(), dev.negotiate()]
    sent = Record(
        fix_time=utc(2025, 3, 1, 8, 30, 15), valid=True, latitude=-33.8688197,
        longitude=151.2092955, altitude=58.3, speed=72.5, course=181.0, satellites=12,
        attributes={"ignition": True, "power": 12.94},
    )  # fmt: skip
    frames.append(dev.report([sent, sent]))
    stream = b"".join(f for f, _ in frames)
    assert fr.feed(stream) == [f for f, _ in frames]
    kinds = [PROTOCOL.inspect(f, session) for f, _ in frames]
    assert [u.ack for u in kinds] == [a for _, a in frames]
    assert [u.kind for u in kinds] == [FrameKind.LOGIN, FrameKind.OTHER, FrameKind.DATA]
    assert kinds[2].context == bitfield()  # the layout travels with the frame
    ctx = DecodeContext("866795031410689", NOW, context=kinds[2].context)
    got, _ = decode_sane(PROTOCOL, frames[2][0], ctx)
    assert got.fix_time == sent.fix_time
    assert (got.latitude, got.longitude) == (pytest.approx(-33.8688197), pytest.approx(151.2092955))
    assert (got.altitude, got.speed, got.course, got.satellites) == (58.3, 72.5, 181.0, 12)
    assert (got.attributes["in1"], got.attributes["power"]) == (True, 12.94)
    assert dev.heartbeat() == (b"\x7f", b"")


def test_values_past_any_fix_are_an_invalid_field() -> None:
    """The simulated device's FLEX report (five records), its altitude and time fields mutated
    as bench/fuzz.py found (seed "1m") with the checksum kept right: 301,747.6 m and a fix of
    1976. Read as the layout gives them; no fix can have them: the device's error."""
    dev = Device("866795031410689")
    track = [
        Record(fix_time=utc(2026, 11, 25, 16, 36, s), valid=True, latitude=54.8246,
               longitude=25.3832, altitude=282.0, speed=44.0, course=147.0, satellites=13)
        for s in range(2)
    ]  # fmt: skip
    ctx = DecodeContext("866795031410689", NOW, context=bitfield())
    frame = dev.report(track)[0]
    assert [r.altitude for r in decode_sane(PROTOCOL, frame, ctx)] == [282.0, 282.0]
    first_time = int(track[0].fix_time.timestamp()).to_bytes(4, "little")
    for old, new, reason in [
        ((2820).to_bytes(4, "little"), (3017476).to_bytes(4, "little"), "altitude 301747.6"),
        (first_time, (229884687).to_bytes(4, "little"), "fix time 1977-04-14"),
    ]:
        assert old in frame, reason
        body = frame.replace(old, new, 1)[:-1]
        mutated = body + bytes((crc8(body),))
        with pytest.raises(InvalidField, match=reason):
            PROTOCOL.decode(mutated, ctx)
