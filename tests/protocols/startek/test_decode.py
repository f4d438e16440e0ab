"""Startek decoding: exact values from real frames, the sanity check on every record, event
codes, optional blocks, command answers, detection and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import DecodeContext, Detection, Session
from fleetwire.protocols.startek import PROTOCOL, Device
from fleetwire.protocols.startek.framing import build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="860262050009146", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:6].decode())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_plain_position() -> None:
    r = one(v.PLAIN)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2021, 3, 23, 13, 15, 12),
        True,
    )
    assert (r.latitude, r.longitude) == (22.678655, 114.046223)
    assert (r.satellites, r.speed, r.course, r.altitude) == (14, 0.0, 231.0, 71.0)
    assert r.attributes == {
        "event": 0, "hdop": 1.1, "odometer": 5, "mcc": 460, "mnc": 0, "lac": 0x249F,
        "cid": 0x99C257, "rssi": 28, "status": 0x3D, "armed": False, "motion": False,
        "input": 0, "in1": False, "ignition": False, "output": 0, "out1": False,
        "power": 11.71, "battery": 4.09, "adc1": 0.0, "adc2": 0.0,
    }  # fmt: skip


def test_west_south_and_ibutton() -> None:
    r = one(v.WEST)
    assert (r.latitude, r.longitude, r.speed, r.altitude) == (10.232715, -67.880423, 0.0, 437.0)
    assert r.attributes["event"] == 18
    r = one(v.IBUTTON)
    assert (r.latitude, r.longitude) == (-38.229746, 145.043446)
    a = r.attributes
    assert (a["event"], a["driverUniqueId"], a["ignition"], a["out2"]) == (53, "8F5300", True, True)


def test_no_fix_positions_are_not_valid() -> None:
    r = one(v.NO_FIX_EVENT_36)
    assert (r.valid, r.has_position, r.attributes["event"]) == (False, True, 36)
    assert one(v.NO_FIX_EVENT_27).fix_time == utc(2021, 11, 11, 7, 8, 26)


def test_optional_blocks() -> None:
    a = one(v.FUEL_BLOCK).attributes
    assert (a["fuel1"], a["power"], a["battery"]) == (0.0, 26.47, 3.6)
    a = one(v.OBD).attributes
    assert (a["rpm"], a["engineLoad"], a["throttle"], a["coolantTemp"]) == (853, 6, 41, 85)
    assert a["fuelConsumption"] == pytest.approx(3.4)
    assert "fuelLevel" not in a  # the capture's last OBD value is empty; 52 is the checksum
    assert (a["fuel1"], a["fuel2"], a["odometer"]) == (0.0, 0.0, 121135784)
    assert "fuel1" not in one(v.SHORT).attributes


def test_temperature_sign_and_magnitude() -> None:
    content = (
        "000,0,,240101120000,A,1.000000,2.000000,5,1.0,10,90,5,100,0|0|0|0,20,00000004,00,00,"
        "04B0|0190,1,,01813D|020064"
    )
    r = one(build(b"&&", "A", "123456789012345", content))
    assert (r.attributes["temp1"], r.attributes["temp2"]) == (-31.7, 10.0)
    assert "mcc" not in r.attributes


def test_alarm_events() -> None:
    for code, alarm in (
        (5, "door"),
        (39, "hardAcceleration"),
        (40, "hardBraking"),
        (41, "hardCornering"),
    ):
        content = (
            f"000,{code},,240101120000,A,1.000000,2.000000,5,1.0,10,90,5,100,0|0|0|0,20,"
            "00000004,00,00,04B0|0190"
        )
        r = one(build(b"&&", "A", "123456789012345", content))
        assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, alarm)


def test_command_answer() -> None:
    r = one(v.COMMAND_ANSWER)
    assert (r.kind, r.fix_time, r.attributes) == (RecordKind.STATUS, NOW, {"result": "129,OK"})


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.PLAIN, ctx).fix_time == utc(2021, 3, 23, 5, 15, 12)


@pytest.mark.parametrize(
    "content",
    [
        "000,0,,241301120000,A,1.0,2.0,5,1.0,10,90,5,100,0|0|0|0,20,04,00,00,04B0|0190",  # month
        "000,0,,240101120000,A,91.0,2.0,5,1.0,10,90,5,100,0|0|0|0,20,04,00,00,04B0|0190",
        "000,0,,240101120000,X,1.0,2.0,5,1.0,10,90,5,100,0|0|0|0,20,04,00,00,04B0|0190",
        "000,0,,240101120000,A,1.0,2.0,5,1.0,10,361,5,100,0|0|0|0,20,04,00,00,04B0|0190",
        "000,0,,240101120000,A,1.0,2.0,5,1.0,10,90,5,100,0|0|0,20,04,00,00,04B0|0190",
        "000,0,,240101120000,A,1.0,2.0,5,1.0,10,90,5,100,0|0|0|0,20,04,00,00,04B0",
        "000,0,,240101120000,A,1.0,2.0,5,1.0,10,90,5,100,0|0|0|0,20,04,00,00,04B0|0190,1,0X1",
        "000,0,,240101120000,A,1.0,2.0",
    ],
)
def test_malformed_positions_are_invalid(content: str) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(b"&&", "A", "123456789012345", content), CTX)


def test_bad_checksum_is_not_decoded() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.PLAIN[:-4] + b"00\r\n", CTX)


def test_detect() -> None:
    assert PROTOCOL.detect(v.PLAIN) == Detection.YES
    assert PROTOCOL.detect(v.PLAIN[:40]) == Detection.MORE
    assert PROTOCOL.detect(b"&") == Detection.MORE
    assert PROTOCOL.detect(v.PLAIN[:-4] + b"00\r\n") == Detection.NO  # checksum
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(b"#L#2.0;865905020722118;NA;15CD\r\n") == Detection.NO
    assert PROTOCOL.detect(b"[SG*8800000015*0002*LK]") == Detection.NO
    assert PROTOCOL.detect(b"$$:24,123456789012345,900,1,19F\r\n") == Detection.NO


def test_device_round_trip() -> None:
    dev = Device("860262050009146")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack, expected) == ("860262050009146", b"", b"")

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, altitude=12.0, speed=87.0, course=359.0, satellites=11,
        attributes={"odometer": 987654, "ignition": True, "power": 12.5, "battery": 4.1,
                    "mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "event": 5},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.fix_time, r.valid, r.speed, r.course, r.satellites, r.altitude) == (
        fix.fix_time, True, 87.0, 359.0, 11, 12.0,
    )  # fmt: skip
    assert (r.latitude, r.longitude) == (fix.latitude, fix.longitude)
    a = r.attributes
    for key, value in fix.attributes.items():
        assert a[key] == value, key
    assert a["alarm"] == "door"

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    r = one(frame)
    assert (r.kind, r.has_position, r.fix_time) == (RecordKind.STATUS, False, fix.fix_time)
    with pytest.raises(ValueError, match="one position"):
        dev.report([fix, fix])
