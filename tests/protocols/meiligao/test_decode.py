"""Meiligao decoding: exact values from real frames for every message type decoded, the sanity
check on every record, options, unknown types, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.meiligao import PROTOCOL, Device
from fleetwire.protocols.meiligao.constants import MessageType as M
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="142180340967", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def data(frame: bytes) -> bytes:
    return frame[13:-4]


# all but the one dated 22/08/99 (test_layout_variants)
@pytest.mark.parametrize(
    "frame", [f for f in v.VALID if f != v.TRACCAR_NO_FIX_1999], ids=lambda f: f[4:13].hex()
)
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_login_gives_no_record() -> None:
    assert decode_sane(PROTOCOL, v.TRACCAR_LOGIN, CTX) == []


def test_position_with_cell_csq_journey_satellites() -> None:
    r = one(v.TRACCAR_SATELLITES)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2020, 12, 8, 3, 32, 30), True)
    assert r.latitude == pytest.approx(15 + 16.8099 / 60)
    assert r.longitude == pytest.approx(104 + 52.8855 / 60)
    assert (r.speed, r.course, r.altitude, r.satellites) == (0.0, 33.0, 123.0, 11)
    a = r.attributes
    assert (a["hdop"], a["status"], a["rssi"], a["odometer"]) == (0.8, 0x2100, 0x1C, 0x172C582C)
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (520, 5, 0x089E, 0x00E1CF84)
    assert (a["adc1"], a["adc3"], a["adc4"]) == (0, 0x020E, 0x02AA)


def test_position_knots_and_west() -> None:
    r = one(v.TRACCAR_TRINIDAD)  # the decoder test's expected position
    assert r.fix_time == utc(2015, 9, 30, 11, 31, 18)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (10.6328, -61.35947)
    assert r.speed == pytest.approx(0.54 * 1.852)
    assert (r.course, r.altitude, r.attributes["adc2"]) == (2.42, 9.9, 0x1A2)
    r = one(v.TRACCAR_SPEED_0048)
    assert r.speed == pytest.approx(48 * 1.852)


def test_south_west_cell_of_chile() -> None:
    r = one(v.TRACCAR_SOUTH_WEST_CELL)
    assert (r.valid, r.latitude, r.longitude) == (False, pytest.approx(-45.57304), -72.051)
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"], a["rssi"]) == (730, 1, 0xEA64, 0x95AA, 16)


def test_layout_variants() -> None:
    r = one(v.TRACCAR_NO_CHECKSUM)  # no "*CS", no trailing commas
    assert (r.latitude, r.course) == (pytest.approx(-1.2656333), 315.55)
    r = one(v.TRACCAR_NO_SPEED)  # empty speed and course, empty HDOP
    assert (r.speed, r.course, r.valid, "hdop" in r.attributes) == (0.0, 0.0, False, False)
    r = one(v.TRACCAR_EIGHT_ADC)
    assert [r.attributes[f"adc{i}"] for i in range(1, 9)] == [0x77B] + [0] * 7
    # zeros without a fix, dated 22/08/99: the first GPS week rollover, the date a receiver
    # without a clock gives; no record can carry it (fleetwire.sanity.ERA_START)
    with pytest.raises(InvalidField, match=r"fix time 1999-08-22T00:00:00\+00:00 before 2000"):
        PROTOCOL.decode(v.TRACCAR_NO_FIX_1999, CTX)


def test_alarm() -> None:
    r = one(v.TRACCAR_ALARM_VEER)  # 0x52 'R': a heading-change report, not an alarm
    assert (r.kind, r.attributes["event"], "alarm" in r.attributes) == (
        RecordKind.POSITION, 0x52, False,
    )  # fmt: skip
    assert r.fix_time == utc(2017, 6, 28, 22, 5, 49)
    sos = v.frame(b"$$", "1092", M.ALARM, b"\x01" + data(v.TRACCAR_ALARM_VEER)[1:])
    r = one(sos)
    assert (r.kind, r.attributes["alarm"], r.attributes["event"]) == (RecordKind.EVENT, "sos", 1)
    assert r.latitude == pytest.approx(35 + 37.1217 / 60)
    power = v.frame(b"$$", "1092", M.ALARM, b"\x50" + data(v.TRACCAR_ALARM_VEER)[1:])
    assert one(power).attributes["alarm"] == "powerCut"


def test_logged_position_and_track_on_demand_answer() -> None:
    body = data(v.TRACCAR_GERMANY)
    for kind in (M.POSITION_LOGGED, M.TRACK_ON_DEMAND):
        r = one(v.frame(b"$$", "20150327000042", kind, body))
        assert r.fix_time == utc(2015, 4, 14, 14, 11, 15)
        assert r.latitude == pytest.approx(50 + 11.4354 / 60)


def test_batch() -> None:
    r = one(v.TRACCAR_BATCH_ONE)
    assert (r.fix_time, r.valid) == (utc(2017, 10, 25, 9, 36, 4), False)
    assert r.latitude == pytest.approx(3 + 3.3215 / 60)
    two = b"\x02" + data(v.TRACCAR_BATCH_ONE)[1:] + b"\\" + data(v.TRACCAR_BATCH_ONE)[1:]
    assert len(decode_sane(PROTOCOL, v.frame(b"$$", "1", M.POSITION_BATCH, two), CTX)) == 2
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.frame(b"$$", "1", M.POSITION_BATCH, b"\x03" + two[1:]), CTX)


def test_rfid_position() -> None:
    r = one(v.TRACCAR_RFID_2006)  # the decoder test's expected position
    assert (r.fix_time, r.latitude, r.longitude) == (utc(2006, 6, 28, 12, 3, 40), 24.0, 121.0)
    r = one(v.TRACCAR_RFID_2015)
    assert r.latitude == pytest.approx(19 + 15.72856 / 60)


def test_command_answer_and_unknown_types() -> None:
    answer = v.frame(b"$$", "1001", M.OUTPUT_CONTROL, b"\x01")
    assert one(answer).attributes == {"result": "01"}
    answer = v.frame(b"$$", "1001", M.SERIAL_AND_IMEI, b"SN123,IMEI456")
    assert one(answer).attributes == {"result": "SN123,IMEI456"}
    assert PROTOCOL.decode(v.TRACCAR_OBD_9901, CTX) == []
    assert PROTOCOL.decode(v.TRACCAR_OBD_9902, CTX) == []


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": -5})
    assert one(v.TRACCAR_TEXAS, ctx).fix_time == utc(2014, 6, 24, 6, 7, 57)


def test_bad_crc_is_not_decoded() -> None:
    bad = bytearray(v.TRACCAR_SATELLITES)
    bad[-3] ^= 1
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(bytes(bad), CTX)


def test_out_of_range_fields_are_invalid() -> None:
    good = data(v.TRACCAR_GERMANY)
    assert one(v.frame(b"$$", "1", M.POSITION, good)).valid
    for old, new in (
        (b"5011.4354,N", b"9111.4354,N"),
        (b"5011.4354,N", b"5071.4354,N"),
        (b"5011.4354,N", b"5011.4354,E"),
        (b"00843.7092,E", b"00843.7092,"),
        (b"140415", b"141315"),
        (b"044.6", b"444.6"),
        (b"|0000|", b"|00x0|"),
        (b"|0000|", b"|-001|"),
        (b"141115.000", b"14"),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(v.frame(b"$$", "1", M.POSITION, good.replace(old, new)), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.frame(b"$$", "1", M.ALARM, b""), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.frame(b"$$", "1", M.POSITION, "é".encode()), CTX)


def test_device_round_trip() -> None:
    dev = Device("67144025885540")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert frame == v.TRACCAR_LOGIN  # the captured login, byte for byte
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("67144025885540", expected)

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
        longitude=151.209296, altitude=-12.0, speed=87.0, course=359.0, satellites=11,
        attributes={"mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "rssi": 25, "hdop": 0.9,
                    "odometer": 987654, "status": 0x2100},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.fix_time, r.valid, r.altitude, r.course, r.satellites) == (
        fix.fix_time, True, -12.0, 359.0, 11,
    )  # fmt: skip
    assert r.latitude == pytest.approx(fix.latitude, abs=2e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=2e-6)
    assert r.speed == pytest.approx(87.0, abs=0.01)
    assert {k: r.attributes[k] for k in fix.attributes} == fix.attributes

    frame, expected = dev.heartbeat()
    assert PROTOCOL.inspect(frame, session).ack == expected != b""
    with pytest.raises(ValueError, match="one fix"):
        dev.report([fix, fix])
