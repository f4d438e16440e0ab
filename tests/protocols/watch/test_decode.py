"""Watch decoding: exact values from real frames for every keyword decoded, the sanity
check on every record, alarms from the status bits, networks, detection and the Device round
trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import DecodeContext, Detection, Session
from fleetwire.protocols.watch import PROTOCOL, Device
from fleetwire.protocols.watch.framing import build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="9031853319", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].decode("ascii", "replace"))
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_link() -> None:
    """A bare keep-alive, or one with too few values to read (Traccar's WatchProtocolDecoderTest
    "[SG*9081000548*0009*LK,0,100]"), gives no record: nothing in it to keep."""
    assert decode_sane(PROTOCOL, v.LK_BARE, CTX) == []
    assert decode_sane(PROTOCOL, b"[SG*9081000548*0009*LK,0,100]", CTX) == []
    r = one(v.LK_STEPS)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS, NOW, {"steps": 50, "batteryLevel": 100},
    )  # fmt: skip


def test_ud2() -> None:
    r = one(v.UD2)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2022, 3, 22, 5, 51, 5), True)
    assert (r.latitude, r.longitude, r.speed, r.course, r.altitude) == (
        22.761162, 114.360192, 0.0, 0.0, 47.0,
    )  # fmt: skip
    assert r.satellites == 14
    assert r.attributes == {"rssi": 100, "batteryLevel": 64, "steps": 0, "status": 8}


def test_ud_west_and_misstated_length() -> None:
    r = one(v.UD_WEST_SHORT_LENGTH)
    assert (r.latitude, r.longitude, r.speed) == (41.465, -81.53128, 0.926)
    r = one(v.UD2_SHORT_LENGTH)
    assert (r.attributes["mcc"], r.attributes["cid"]) == (240, 80806406)


def test_lte_report_with_cell_and_wifi() -> None:
    r = one(v.UD_LTE)
    assert (r.speed, r.course, r.altitude, r.satellites) == (30.84, 265.158, 65.621, 18)
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (425, 1, 10223, 8012811)
    assert a["cellTowers"] == [{"mcc": 425, "mnc": 1, "lac": 10223, "cid": 8012811, "signal": 100}]
    assert a["wifiAccessPoints"][0] == {"macAddress": "22:74:1d:39:64:ff", "signalStrength": -46}
    assert len(a["wifiAccessPoints"]) == 3
    r = one(v.UD_WCDMA_WEST)
    assert (r.longitude, r.attributes["mnc"]) == (-71.157615, 410)


def test_alarms_from_status_bits() -> None:
    r = one(v.AL_SOS_SEVEN_CELLS)
    assert (r.kind, r.has_position, r.attributes["alarm"]) == (RecordKind.EVENT, False, "sos")
    assert len(r.attributes["cellTowers"]) == 7
    assert one(v.AL_FALL).attributes["alarm"] == "fallDown"
    r = one(v.AL_CUSTOMER_LONG_LENGTH)
    assert (r.attributes["alarm"], r.attributes["steps"]) == ("removing", 11089)
    r = one(v.ZJ_AL)
    assert (r.fix_time, r.latitude, r.attributes["alarm"]) == (
        utc(2018, 4, 4, 5, 21, 56), 22.536207, "removing",
    )  # fmt: skip


def test_al_without_status_bits_is_a_general_alarm() -> None:
    content = "AL,010124,120000,A,1.0,N,2.0,E,0,0,0,5,100,82,0,0,00000000,0,0"
    assert one(build("SG", "1", content)).attributes["alarm"] == "general"


def test_several_alarm_bits() -> None:
    content = "UD,010124,120000,A,1.0,S,2.0,W,0,0,0,5,100,82,0,0,00230000,0,0"
    r = one(build("SG", "1", content))
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "sos,lowBattery,fallDown")
    assert (r.latitude, r.longitude) == (-1.0, -2.0)


def test_wt_with_wifi() -> None:
    r = one(v.WT)
    assert (r.valid, r.latitude, r.longitude) == (False, 18.5122, 73.7750283)
    assert len(r.attributes["wifiAccessPoints"]) == 5


def test_health_readings() -> None:
    assert one(v.BPHRT).attributes == {
        "bloodPressureHigh": 120, "bloodPressureLow": 79, "heartRate": 73,
    }  # fmt: skip
    assert one(v.ZJ_BLOOD).attributes == {"bloodPressureHigh": 109, "bloodPressureLow": 68}
    assert one(v.BTEMP).attributes == {"temp1": 35.29}
    assert one(build("3G", "1", "heart,72")).attributes == {"heartRate": 72}


def test_command_echo() -> None:
    r = one(build("SG", "8800000015", "UPLOAD"))
    assert (r.kind, r.attributes) == (RecordKind.STATUS, {"result": "UPLOAD"})


def test_keywords_without_records() -> None:
    for frame in (v.VOICE_ESCAPED, v.RCAPTURE, build("3G", "1", "TKQ")):
        assert PROTOCOL.decode(frame, CTX) == []


@pytest.mark.parametrize(
    "content",
    [
        "UD,320124,120000,A,1.0,N,2.0,E,0,0,0,5,100,82,0,0,00000000",  # day
        "UD,010124,120000,A,91.0,N,2.0,E,0,0,0,5,100,82,0,0,00000000",
        "UD,010124,120000,A,1.0,X,2.0,E,0,0,0,5,100,82,0,0,00000000",
        "UD,010124,120000,Z,1.0,N,2.0,E,0,0,0,5,100,82,0,0,00000000",
        "UD,010124,120000,A,1.0,N,2.0,E,0,361,0,5,100,82,0,0,00000000",
        "UD,010124,120000,A,1.0,N,2.0,E,0,0,0,5,100,82,0,0,XYZ",
        "UD,010124,120000,A,1.0,N,2.0,E,0,0,0,5,100",
        "bphrt,120",
    ],
)
def test_malformed_reports_are_invalid(content: str) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build("SG", "1", content), CTX)


def test_broken_network_lists_are_left_out() -> None:
    content = "UD,010124,120000,A,1.0,N,2.0,E,0,0,0,5,100,82,0,0,00000000,3,1,460,0,1,2"
    assert "cellTowers" not in one(build("SG", "1", content)).attributes


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.UD2, ctx).fix_time == utc(2022, 3, 21, 21, 51, 5)


def test_detect() -> None:
    assert PROTOCOL.detect(v.LK_BARE) == Detection.YES
    assert PROTOCOL.detect(v.ZJ_LK) == Detection.YES
    assert PROTOCOL.detect(v.LK_BARE[:10]) == Detection.MORE
    assert PROTOCOL.detect(b"[") == Detection.MORE
    assert PROTOCOL.detect(b"[sg*") == Detection.NO
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(b"#L#2.0;865905020722118;NA;15CD\r\n") == Detection.NO
    assert PROTOCOL.detect(b"&&:23,860262050015424,129,OKA2\r\n") == Detection.NO


def test_device_round_trip() -> None:
    dev = Device("8800000015")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("8800000015", expected)
    assert expected == v.LK_ANSWER

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
        longitude=151.209296, altitude=12.5, speed=7.5, course=359.0, satellites=11,
        attributes={"rssi": 80, "batteryLevel": 55, "steps": 1234, "alarm": "sos,fallDown"},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid, r.speed, r.course, r.satellites, r.altitude) == (
        RecordKind.EVENT, fix.fix_time, True, 7.5, 359.0, 11, 12.5,
    )  # fmt: skip
    assert (r.latitude, r.longitude) == (fix.latitude, fix.longitude)
    assert r.attributes == {**fix.attributes, "status": (1 << 16) | (1 << 21)}

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == v.LK_ANSWER
    with pytest.raises(ValueError, match="one position"):
        dev.report([fix, fix])
