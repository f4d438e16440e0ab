"""H02 decoding: exact values from real frames for every message type decoded, the sanity
check on every record, the negative-logic status, options, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.h02 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="4210051415", received=NOW)
KN = 1.852


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", [*v.VALID, v.WITH_CRLF], ids=lambda f: f[:14].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_v1_west_traccar_expected_values() -> None:
    r = one(v.V1_WEST)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2015, 12, 22, 16, 45, 49),
        True,
    )
    assert r.latitude == pytest.approx(9.93978, abs=1e-5)
    assert r.longitude == pytest.approx(-84.11178, abs=1e-5)
    assert (r.speed, r.course) == (0.0, 0.0)
    # FFFFFBFF: only the ACC bit (3rd byte bit 2) is 0, which the document reads "ACC off"
    assert r.attributes == {
        "status": 0xFFFFFBFF, "ignition": False, "armed": False, "door": False, "blocked": False,
    }  # fmt: skip


def test_v1_speed_in_knots_and_sos_state() -> None:
    r = one(v.V1_SPEED)
    assert r.fix_time == utc(2013, 10, 22, 14, 8, 17)
    assert r.latitude == pytest.approx(52 + 39.3538 / 60)
    assert r.longitude == pytest.approx(10 + 3.5292 / 60)
    assert r.speed == pytest.approx(21.03 * KN, abs=0.01)
    assert r.course == 312.0
    assert (r.kind, r.attributes["alarm"], r.attributes["ignition"]) == (
        RecordKind.EVENT,
        "sos",
        True,
    )


def test_v1_coordinate_variants() -> None:
    r = one(v.V1_DASHED)  # -DD-MM.MMMM
    assert (r.latitude, r.longitude) == (
        pytest.approx(-23.48349, abs=1e-5),
        pytest.approx(-46.85975, abs=1e-5),
    )
    assert r.speed == pytest.approx(2.4 * KN, abs=0.01)
    r = one(v.V1_NO_POINT)  # DDMMmmmm
    assert r.latitude == pytest.approx(-(37 + 57.3392 / 60))
    assert r.longitude == pytest.approx(145 + 3.7022 / 60)
    r = one(v.V1_NO_VALIDITY)  # five decimals, empty validity
    assert (r.valid, r.fix_time) == (False, utc(2015, 10, 3, 5, 4, 18))
    assert (r.latitude, r.longitude) == (
        pytest.approx(28.46021, abs=1e-5),
        pytest.approx(77.06414, abs=1e-5),
    )
    assert r.attributes["alarm"] == "fault"  # FFFEFBFF: 2nd byte bit 0, GPS receiver fault


def test_v1_battery_field_before_date_and_several_alarms() -> None:
    r = one(v.V1_BATTERY_FIELD)
    assert r.fix_time == utc(2018, 9, 8, 5, 40, 48)
    assert r.course == 47.0
    assert r.attributes["status"] == 0xEEE7FBDF
    assert r.attributes["alarm"] == "powerCut,gpsAntennaCut,temperature"


def test_v1_without_fix_is_a_status_at_receive_time() -> None:
    for frame in (v.V1_EMPTY_FIX, v.V1_ZEROS):
        r = one(frame)
        assert (r.kind, r.fix_time, r.has_position, r.speed) == (
            RecordKind.STATUS,
            NOW,
            False,
            None,
        )


def test_v1_documented_tail_battery_and_cell() -> None:
    r = one(v.DOC_V1_CELLS)
    assert r.fix_time == utc(2014, 8, 18, 5, 28, 25)
    assert r.latitude == pytest.approx(22 + 39.4210 / 60)
    assert r.longitude == pytest.approx(114 + 0.8825 / 60)
    assert r.course == 348.0
    a = r.attributes
    assert (a["batteryLevel"], a["mcc"], a["mnc"], a["lac"], a["cid"]) == (90, 460, 0, 9376, 8532)
    assert "mcc" not in one(v.V1_WEST).attributes  # undocumented tails are not guessed


def test_siblings_v2_v5_v19() -> None:
    r = one(v.V2)
    assert (r.fix_time, r.valid, r.speed) == (
        utc(2017, 9, 28, 10, 2, 20),
        False,
        pytest.approx(0.25 * KN, abs=0.01),
    )
    r = one(v.V5)
    assert r.latitude == pytest.approx(23 + 48.8912 / 60)
    assert r.attributes["ignition"] is False
    r = one(v.V19)
    assert r.fix_time == utc(2017, 4, 20, 21, 44, 52)
    assert r.attributes["iccid"] == "89480610500392633029"
    assert r.attributes["status"] == 0xBFFFFBFF


def test_v4_command_answers() -> None:
    result, fix = decode_sane(PROTOCOL, v.DOC_V4_S20, CTX)
    assert (result.kind, result.attributes) == (RecordKind.STATUS, {"result": "S20,80"})
    assert fix.fix_time == utc(2002, 9, 22, 5, 3, 16)
    assert fix.latitude == pytest.approx(22 + 12.8745 / 60)
    assert fix.speed == pytest.approx(14.28 * KN, abs=0.01)
    assert fix.attributes["blocked"] is True  # F7FFFBFF: oil/engine cut after S20
    assert decode_sane(PROTOCOL, v.V4_S20_DONE, CTX)[0].attributes == {"result": "S20,DONE"}
    assert decode_sane(PROTOCOL, v.V4_S17, CTX)[0].attributes == {"result": "S17"}
    assert decode_sane(PROTOCOL, v.V4_S1, CTX)[0].attributes == {"result": "S1,OK,pass_word"}
    assert decode_sane(PROTOCOL, v.DOC_V4_CR, CTX) == [
        Record(NOW, RecordKind.STATUS, attributes={"result": "CR"})
    ]


def test_vp1() -> None:
    r = one(v.VP1_FIX)
    assert (r.fix_time, r.valid) == (NOW, True)  # VP1 has a date but no time of day
    assert r.latitude == pytest.approx(-(27 + 2.7245 / 60))
    assert r.longitude == pytest.approx(152 + 51.9311 / 60)
    assert r.speed == pytest.approx(0.48 * KN, abs=0.01)
    assert one(v.DOC_VP1).attributes["status"] == 0xFFFFFFFF
    r = one(v.VP1_CELLS)
    assert (r.kind, r.attributes) == (
        RecordKind.STATUS, {"mcc": 470, "mnc": 2, "lac": 92, "cid": 3565},
    )  # fmt: skip


def test_nbr_and_link() -> None:
    r = one(v.NBR)
    assert (r.kind, r.fix_time, r.has_position) == (
        RecordKind.STATUS,
        utc(2017, 2, 10, 10, 37, 32),
        False,
    )
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (722, 310, 8106, 32010)
    r = one(v.LINK)
    assert r.fix_time == utc(2016, 11, 8, 11, 21, 37)
    a = r.attributes
    assert (a["rssi"], a["sat"], a["batteryLevel"], a["steps"]) == (20, 8, 67, 0)


def test_heartbeats() -> None:
    assert one(v.HTBT_BATTERY).attributes == {"batteryLevel": 100}
    assert (one(v.HTBT).kind, one(v.HTBT).attributes) == (RecordKind.STATUS, {})
    # XT (documented "respond: no") carries nothing to record, nor do its parameters
    assert PROTOCOL.decode(v.DOC_XT, CTX) == []
    assert PROTOCOL.decode(v.UNKNOWN_XT, CTX) == []
    assert PROTOCOL.decode(v.EMPTY_TYPE, CTX) == []
    assert PROTOCOL.decode(b"*HQ,4109198974,ZZ,1#", CTX) == []


def test_alrm_documented_example() -> None:
    r = one(v.DOC_ALRM)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.EVENT, utc(2014, 8, 18, 5, 28, 25), False)
    assert r.latitude == pytest.approx(22 + 39.4210 / 60)
    assert r.attributes["alarm"] == "sos"
    short = one(b"*HQ,353505910449999,ALRM,2,052825#")
    assert (short.kind, short.fix_time, short.attributes) == (
        RecordKind.EVENT,
        NOW,
        {"alarm": "lowBattery"},
    )


def test_binary_32() -> None:
    r = one(v.BIN_32)
    assert (r.fix_time, r.valid) == (utc(2016, 11, 13, 12, 45, 43), True)
    assert r.latitude == pytest.approx(50 + 35.3130 / 60)
    assert r.longitude == pytest.approx(4 + 31.8210 / 60)
    assert r.attributes["status"] == 0xFFFFFBFF
    r = one(v.BIN_32_SPEED)  # the binary twin of the TH text frames: 14 knots, 28 degrees
    assert (r.speed, r.course, r.valid) == (pytest.approx(14 * KN, abs=0.01), 28.0, False)
    r = one(v.BIN_32_ZERO_SPEED)  # flags 2: valid, south, west
    assert (r.latitude, r.longitude) == (
        pytest.approx(-(19 + 35.5128 / 60)),
        pytest.approx(-(46 + 56.3243 / 60)),
    )
    assert r.attributes["alarm"] == "powerCut"  # FFE7FBFF, as in its text twin


def test_binary_45_traccar_expected_values_and_cell() -> None:
    r = one(v.BIN_45)
    assert (r.fix_time, r.valid) == (utc(2015, 8, 31, 21, 53, 21), True)
    assert r.latitude == pytest.approx(4.69898, abs=1e-5)
    assert r.longitude == pytest.approx(-74.06971, abs=2e-5)
    assert (r.attributes["mcc"], r.attributes["mnc"]) == (732, 12)
    a = one(v.BIN_45_DE).attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (262, 2, 0x0299, 0x109C)
    r = one(v.BIN_45_INVALID)
    assert (r.valid, r.attributes["mcc"]) == (False, 374)


def test_binary_other_sizes() -> None:
    r = one(v.BIN_42_IMEI)
    assert (r.fix_time, r.speed, r.course) == (
        utc(2017, 8, 18, 10, 47, 59),
        pytest.approx(24 * KN, abs=0.01),
        138.0,
    )
    assert r.latitude == pytest.approx(26 + 27.3359 / 60)
    r = one(v.BIN_46)
    assert (r.fix_time, r.course) == (utc(2017, 3, 10, 1, 27, 17), 85.0)
    r = one(v.BIN_48)
    assert r.longitude == pytest.approx(-(7 + 32.0697 / 60))


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.V1_WEST, ctx).fix_time == utc(2015, 12, 22, 8, 45, 49)
    assert one(v.BIN_32, ctx).fix_time == utc(2016, 11, 13, 4, 45, 43)


@pytest.mark.parametrize(
    "frame",
    [
        b"*HQ,1,V1,164549,A,9956.3869,N,08406.7068,W,0,0,221215,FFFFFBFF#",  # latitude > 90
        b"*HQ,1,V1,164549,A,0956.3869,N,08466.7068,W,0,0,221215,FFFFFBFF#",  # 66 minutes
        b"*HQ,1,V1,164549,A,0956.3869,X,08406.7068,W,0,0,221215,FFFFFBFF#",  # hemisphere
        b"*HQ,1,V1,164549,A,0956.3869,N,08406.7068,W,0,400,221215,FFFFFBFF#",  # course
        b"*HQ,1,V1,164549,A,0956.3869,N,08406.7068,W,999,0,221215,FFFFFBFF#",  # speed
        b"*HQ,1,V1,164549,A,0956.3869,N,08406.7068,W,0,0,321215,FFFFFBFF#",  # day 32
        b"*HQ,1,V1,164549,A,0956.3869,N,08406.7068,W,0,0,221215,FFFFFBFG#",  # status
        b"*HQ,1,V1,164549,A,09x6.3869,N,08406.7068,W,0,0,221215,FFFFFBFF#",
    ],
)
def test_out_of_range_fields_are_invalid(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_short_layouts_are_truncated() -> None:
    for frame in (b"*HQ,1,V1,164549,A#", b"*HQ,1,NBR,103732,722,310,0,6,8106#", b"*HQ,1,LINK,1#"):
        with pytest.raises(TruncatedFrame):
            PROTOCOL.decode(frame, CTX)


def test_device_round_trip() -> None:
    dev = Device("4106011660")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("4106011660", expected)

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.0, course=359.0,
        attributes={"ignition": True, "armed": True, "door": False, "blocked": False,
                    "alarm": "sos,powerCut"},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid, r.course) == (RecordKind.EVENT, fix.fix_time, True, 359.0)
    assert r.speed == pytest.approx(87.0, abs=0.02)  # two-decimal knots on the wire
    assert r.latitude == pytest.approx(fix.latitude, abs=2e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=2e-6)
    assert {k: r.attributes[k] for k in fix.attributes} == fix.attributes

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b"*HQ,4106011660,HTBT#"
    assert dev.report([]) == dev.heartbeat()


def test_device_west_without_fix_and_too_many_records() -> None:
    dev = Device("4106011660")
    frame, _ = dev.report([Record(fix_time=NOW, valid=False, latitude=40.5, longitude=-74.25)])
    r = one(frame)
    assert (r.valid, r.latitude, r.longitude) == (False, 40.5, -74.25)
    assert r.attributes["ignition"] is True  # nothing said: the all-clear status word
    with pytest.raises(ValueError, match="one fix per line"):
        dev.report([Record(fix_time=NOW), Record(fix_time=NOW)])
