"""TK103 decoding: exact values from real frames for every command decoded, the firmware
variations of the GPS block, alarms, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.tk103 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="013612345678", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.DECODABLE, ids=lambda f: f[:17].decode())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_feedback_traccar_expected_values() -> None:
    r = one(v.FEEDBACK_SOUTH)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2015, 10, 24, 5, 51, 48),
        True,
    )
    assert (r.latitude, r.longitude) == (
        pytest.approx(-25.92255, abs=1e-5),
        pytest.approx(28.92222, abs=1e-5),
    )
    assert (r.speed, r.course) == (4.7, 276.17)  # km/h, as sent
    assert r.attributes == {"ioStatus": "01000000", "odometer": 0x9AA3}


def test_documented_login_and_feedback() -> None:
    r = one(v.DOC_LOGIN)
    assert r.fix_time == utc(2008, 5, 24, 10, 12, 41)
    assert r.latitude == pytest.approx(22 + 32.9806 / 60)
    assert r.longitude == pytest.approx(113 + 4.9355 / 60)
    assert (r.speed, r.course, r.attributes["odometer"]) == (0.1, 323.87, 0x450AC)
    r = one(v.DOC_FEEDBACK)
    assert (r.fix_time, r.speed) == (utc(2008, 6, 12, 2, 28, 28), 0.0)


def test_gps_block_variations() -> None:
    r = one(v.FEEDBACK_SPACES)  # spaces for leading zeros
    assert r.longitude == pytest.approx(-(84 + 15.4076 / 60))
    assert (r.speed, r.course) == (46.0, 87.31)
    r = one(v.FEEDBACK_SHORT_ID)  # 11-character id, 4-digit longitude, no fix
    assert (r.valid, r.fix_time) == (False, utc(2016, 8, 30, 0, 27, 29))
    assert r.longitude == pytest.approx(-(48 + 17.8731 / 60))
    assert one(v.FEEDBACK_COMMA_IO).attributes["ioStatus"] == "00000000"
    assert one(v.FEEDBACK_NO_POINT).course == 0.0
    assert one(v.FEEDBACK_TEMP_TAIL).attributes["odometer"] == 0x00BEB0D4
    r = one(v.FEEDBACK_NO_FIX)  # date 000007: never had a fix
    assert (r.kind, r.fix_time, r.has_position) == (RecordKind.STATUS, NOW, False)


def test_login_with_imei_field() -> None:
    r = one(v.LOGIN)
    assert r.fix_time == utc(2015, 9, 29, 19, 39, 27)
    assert r.latitude == pytest.approx(-(32 + 58.1754 / 60))
    assert (r.speed, r.course) == (9.4, 301.9)


def test_alarm() -> None:
    r = one(v.ALARM)
    assert (r.kind, r.fix_time, r.attributes["alarm"]) == (
        RecordKind.EVENT, utc(2011, 9, 25, 2, 59, 48), "sos",
    )  # fmt: skip
    assert (r.latitude, r.longitude) == (
        pytest.approx(12 + 34.5678 / 60),
        pytest.approx(-(12 + 34.5678 / 60)),
    )
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.DOC_ALARM, CTX)  # the document's own example has month 18


@pytest.mark.parametrize(
    ("code", "alarm"),
    [("0", "powerCut"), ("1", "accident"), ("2", "sos"), ("3", "general"), ("4", "lowspeed"),
     ("5", "overspeed"), ("6", "geofenceExit"), ("7", "movement"), ("9", "general")],
)  # fmt: skip
def test_alarm_codes(code: str, alarm: str) -> None:
    frame = v.ALARM.replace(b"BO012", b"BO01" + code.encode())
    assert one(frame).attributes["alarm"] == alarm


def test_status_frames() -> None:
    for frame in (v.DOC_HANDSHAKE, v.HANDSHAKE_SHORT, v.HANDSHAKE_LONG):
        assert PROTOCOL.decode(frame, CTX) == []  # answered by inspect; nothing to record
    assert one(v.VIN).attributes == {"vin": "5J6RW2H53HL066029"}
    assert one(v.CELLS).attributes == {"mcc": 510, "mnc": 10, "lac": 0x36E6, "cid": 0x932C}
    assert PROTOCOL.decode(v.UNKNOWN, CTX) == []


def test_comma_layout_and_g_position() -> None:
    rec = one(v.ALTERNATIVE)
    assert rec.fix_time == datetime(2014, 4, 24, 11, 28, 25, tzinfo=UTC)
    assert (rec.latitude, rec.longitude) == (
        pytest.approx(45.45586, abs=1e-5),
        pytest.approx(9.16626, abs=1e-5),
    )
    rec = one(v.POSITION_G)
    assert rec.fix_time == datetime(2017, 3, 4, 9, 44, 55, tzinfo=UTC)
    assert rec.latitude == pytest.approx(60 + 15.7466 / 60)


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 2})
    assert one(v.FEEDBACK_SOUTH, ctx).fix_time == utc(2015, 10, 24, 3, 51, 48)


@pytest.mark.parametrize(
    "frame",
    [
        b"(012345678901BR00130520A9439.9629S05826.3504W000.1175622323.8700000000L000450AC)",
        b"(012345678901BR00130520A3469.9629S05826.3504W000.1175622323.8700000000L000450AC)",
        b"(012345678901BR00130520A3439.9629S05826.3504W000.1175622373.8700000000L000450AC)",
        b"(012345678901BR00131320A3439.9629S05826.3504W000.1175622323.8700000000L000450AC)",
        b"(012345678901BR00130520A3439.9629S05826.3504W0.0.1175622323.8700000000L000450AC)",
        b"(012345678901BV00TOO-SHORT)",
        b"(012345678901BZ00,5x0,010,36e6,932c)",
    ],
)
def test_out_of_range_fields_are_invalid(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_short_bodies_are_truncated() -> None:
    for frame in (
        b"(012345678901BR00130520A3439)",
        b"(012345678901BP05000)",
        b"(012345678901BO01)",
    ):
        with pytest.raises(TruncatedFrame):
            PROTOCOL.decode(frame, CTX)


def test_device_round_trip() -> None:
    dev = Device("013612345678")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack, expected) == (
        "013612345678",
        v.DOC_LOGIN_REPLY,
        v.DOC_LOGIN_REPLY,
    )
    assert one(frame).kind == RecordKind.STATUS  # an empty fix

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.5, course=359.25, attributes={"odometer": 123456},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.fix_time, r.valid, r.speed, r.course) == (fix.fix_time, True, 87.5, 359.25)
    assert r.latitude == pytest.approx(fix.latitude, abs=2e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=2e-6)
    assert r.attributes == {"ioStatus": "00000000", "odometer": 123456}

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == v.DOC_HANDSHAKE_REPLY
    assert frame == v.DOC_HANDSHAKE
    assert dev.report([]) == dev.heartbeat()
    with pytest.raises(ValueError, match="one fix per frame"):
        dev.report([fix, fix])


def test_answer_text_in_utf8_is_kept() -> None:
    """Constructed (no published capture carries non-ASCII text): kept whole, not dropped."""
    frame = "(864555555555555,ZC03,191117,234207,$Geschwindigkeit: 80 km/h, Tür zu$)".encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert one(frame).attributes == {"result": "Geschwindigkeit: 80 km/h, Tür zu"}
