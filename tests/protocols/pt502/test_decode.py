"""PT502 decoding: exact values from real frames (position, no-fix status, alarms and events,
I/O, ADC, odometer, state, firmware, full frames with several reports), the errors for bad
fields, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.pt502 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="6094", received=NOW)
KN = 1.852


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_traccar_expected_position() -> None:
    r = one(v.POS_SOUTH)  # traccar's test: 2015-09-10 16:32:37, -32.96956, 27.92392
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2015, 9, 10, 16, 32, 37),
        True,
    )
    assert r.latitude == pytest.approx(-32.96956, abs=1e-5)
    assert r.longitude == pytest.approx(27.92392, abs=1e-5)
    assert r.attributes["odometer"] == 232300
    assert "adc1" not in r.attributes  # empty ADC part
    assert (r.attributes["status"], r.attributes["rssi"], r.satellites) == (0x5B3, 0xB, 3)


def test_full_report_fields() -> None:
    r = one(v.POS_1151000)
    assert r.fix_time == utc(2014, 8, 17, 20, 53, 26)
    assert (r.latitude, r.longitude) == (
        pytest.approx(9 + 1.3037 / 60), pytest.approx(-(79 + 28.2751 / 60)),
    )  # fmt: skip
    assert r.speed == pytest.approx(48.79 * KN, abs=0.01)
    assert r.course == 30.55
    a = r.attributes
    assert (a["input"], a["in4"], a["ignition"], a["in1"]) == (8, True, True, False)
    assert (a["output"], a["out1"], a["out2"]) == (1, True, False)
    assert [a[f"adc{i}"] for i in range(1, 5)] == [0, 0, 0, 0]
    assert (a["odometer"], a["status"], a["rssi"], r.satellites) == (15986500, 0xFB8, 0xB, 8)
    assert "event" not in a and "alarm" not in a


def test_unpadded_degrees() -> None:
    r = one(v.POS_IMEI)  # "204.6831,E": 2 degrees 04.6831 minutes
    assert r.longitude == pytest.approx(2 + 4.6831 / 60)
    assert r.fix_time == utc(2017, 5, 2, 14, 47, 35)
    r = one(v.PHO_3821)
    assert (r.fix_time, r.attributes["odometer"]) == (utc(2018, 4, 11, 2, 21, 25), 500)
    assert "driverUniqueId" not in r.attributes  # the RFID part is empty in every capture


def test_no_fix_and_missing_values() -> None:
    r = one(v.ISSUE199_NO_FIX)
    assert (r.kind, r.fix_time, r.valid, r.has_position) == (
        RecordKind.STATUS, utc(2009, 2, 14, 18, 46, 55), False, False,
    )  # fmt: skip
    assert (r.attributes["adc1"], r.attributes["odometer"]) == (6, 0)
    r = one(v.POS_NO_SPEED)
    assert (r.valid, r.speed, r.course, r.has_position) == (False, None, None, True)
    r = one(v.POS_NO_SLASH)  # ends after the odometer
    assert (r.attributes["odometer"], r.satellites) == (5360872, None)


@pytest.mark.parametrize(
    ("frame", "event", "alarm"),
    [
        (v.CPA, "CPA", "powerCut"),
        (v.HDA, "HDA", "hardAcceleration"),
        (v.HDB, "HDB", "hardBraking"),
        (v.FDA, "FDA", "fatigueDriving"),
    ],
)
def test_alarms(frame: bytes, event: str, alarm: str) -> None:
    r = one(frame)
    assert (r.kind, r.attributes["event"], r.attributes["alarm"]) == (
        RecordKind.EVENT,
        event,
        alarm,
    )


def test_events_without_an_alarm_and_photos() -> None:
    r = one(v.DFR)
    assert (r.kind, r.attributes["event"], "alarm" in r.attributes) == (
        RecordKind.POSITION, "DFR", False,
    )  # fmt: skip
    for frame in (v.PHO_3821, v.PHO_0, v.PHO_6608, v.PHO0_6091):
        r = one(frame)
        assert r.kind is RecordKind.POSITION and "event" not in r.attributes
    assert one(v.CPA).attributes["odometer"] == 1200  # the trailing '#' is not a field


def test_full_frames() -> None:
    records = decode_sane(PROTOCOL, v.FOUR_POS_FULL, CTX)
    assert [r.fix_time for r in records] == [
        utc(2017, 10, 29, 18, 22, 41), utc(2017, 10, 29, 18, 22, 51),
        utc(2017, 10, 29, 18, 23, 24), utc(2017, 10, 29, 18, 23, 26),
    ]  # fmt: skip
    assert [r.attributes["adc1"] for r in records] == [0x142, 0x141, 0x13E, 0x140]
    r = one(v.ISSUE1050_FULL)
    assert (r.latitude, r.longitude) == (
        pytest.approx(-(1 + 15.4966 / 60)), pytest.approx(36 + 55.2459 / 60),
    )  # fmt: skip
    assert one(v.POS_353451_FULL) == one(v.POS_353451)
    assert PROTOCOL.decode(v.PHOTO_FULL, CTX) == []


def test_firmware_and_unknown_layouts() -> None:
    r = one(v.FUS)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS, NOW, {"versionFw": "510-V1.12,A11-V3.0"},
    )  # fmt: skip
    assert one(v.FUS_FULL) == r
    assert PROTOCOL.decode(b"$OPC,1,OK\r\n", CTX) == []


_GOOD = "$POS,6094,205523.000,A,1013.6223,N,06728.4248,W,0.0,99.3,011112,,,A/00000,00000/0/1//"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("1013.6223,N", "9113.6223,N"),
        ("1013.6223,N", "1063.6223,N"),
        ("1013.6223,N", "1013.6223,X"),
        ("06728.4248", "18128.4248"),
        ("0.0,99.3", "999,99.3"),
        ("99.3", "361"),
        ("205523.000", "255523.000"),
        ("011112", "321112"),
        (",A,1013", ",X,1013"),
        ("A/00000", "A/00200"),
        ("00000/0/1", "00000/0g/1"),
        ("0/1//", "0/1x//"),
        ("0/1//", "0/1//zz"),
    ],
)
def test_out_of_range_fields_are_invalid(old: str, new: str) -> None:
    frame = _GOOD.replace(old, new, 1).encode() + b"\r\n"
    assert frame != _GOOD.encode() + b"\r\n"
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_device_round_trip() -> None:
    dev = Device("865328026243864")
    assert dev.login() == (b"", b"")
    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.0, course=359.5, attributes={"ignition": True},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert framer(PROTOCOL).feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, Session())
    assert (up.unique_id, up.ack, expected) == ("865328026243864", b"", b"")
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid, r.course) == (
        RecordKind.POSITION, fix.fix_time, True, 359.5,
    )  # fmt: skip
    assert r.speed == pytest.approx(87.0, abs=0.02)
    assert r.latitude == pytest.approx(fix.latitude, abs=2e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=2e-6)
    assert r.attributes["ignition"] is True
    frame, _ = dev.report([fix, fix])  # several fixes: one full frame
    assert frame[:2] == b"\xbf\xfb" and PROTOCOL.inspect(frame, Session()).records == 2
    assert len(decode_sane(PROTOCOL, frame, CTX)) == 2
    assert dev.report([]) == dev.heartbeat()
