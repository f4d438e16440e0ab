"""Xirgo decoding: exact values from real messages for every layout chosen (XT-2150, XT-2060
and its variants, the short head, undocumented lengths, configured forms), the event table,
and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.xirgo import PROTOCOL, Device
from fleetwire.protocols.xirgo.constants import COMMON, XT2060, XT2150
from fleetwire.protocols.xirgo.decoding import layout
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="357207059646786", received=NOW)
FORMS = {v.FORM_A_4002: v.FORM_A, v.FORM_B_4002: v.FORM_B}
MPH = 1.609344
MILE = 1609.344


def ctx_for(frame: bytes) -> DecodeContext:
    form = FORMS.get(frame)
    return DecodeContext("x", NOW, options={"form": form}) if form else CTX


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx_for(frame))
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.REPORTS, ids=lambda f: f[:24].decode())
def test_every_real_report_decodes_sanely(frame: bytes) -> None:
    r = one(frame)
    assert r.has_position and r.attributes["event"] == int(frame.split(b",")[1])


def test_xt2150_layout() -> None:
    r = one(v.XT2150_4003)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION,
        utc(2015, 5, 19, 15, 54, 56),
        True,
    )
    assert (r.latitude, r.longitude, r.altitude, r.course, r.satellites) == (
        -20.21422, -70.14927, 37.5, 0.0, 11,
    )  # fmt: skip
    assert r.speed == pytest.approx(1.8 * MPH, abs=0.01)
    assert r.attributes == {
        "hdop": 0.8, "power": 12.9, "rssi": 31, "odometer": round(297 * MILE), "gps": 1,
        "out1": True, "in2": True, "event": 4003, "ignition": True,
    }  # fmt: skip


def test_xt2060_layout() -> None:
    r = one(v.XT2060_6031)
    assert (r.fix_time, r.latitude, r.longitude, r.altitude) == (
        utc(2015, 2, 26, 15, 47, 26), 33.42552, -112.30308, 287.8,
    )  # fmt: skip
    assert (r.speed, r.course, r.satellites, r.valid) == (0.0, 0.0, 7, True)
    assert r.attributes == {
        "rpm": 0.0, "hdop": 1.2, "odometer": round(2 * MILE), "power": 12.2, "rssi": 22,
        "gps": 1, "fuelLevel": 82.3, "event": 6031, "motion": False,
    }  # fmt: skip


def test_xt2060_with_accelerometer_and_info() -> None:
    r = one(v.XT2060A_6001)
    assert (r.latitude, r.longitude, r.altitude, r.course, r.satellites) == (
        51.13042, -114.22752, 1197.0, 27.0, 12,
    )  # fmt: skip
    assert r.speed == pytest.approx(44.7 * MPH, abs=0.01)
    assert (r.attributes["rpm"], r.attributes["power"], r.attributes["fuelLevel"]) == (
        2622.0, 13.9, 0.0,
    )  # fmt: skip
    assert "alarm" not in r.attributes  # direction change: no alarm
    r = one(v.XT2060A_6015)
    assert r.attributes["vin"] == "1C4BJWDG4GL191009"
    assert r.attributes["versionFw"] == "X0z1-1137CD1"
    assert r.attributes["fuelLevel"] == 83.9
    r = one(v.XT2060A_4002)
    assert (r.attributes["ignition"], r.attributes["power"]) == (False, 9.2)


def test_short_and_undocumented_lengths() -> None:
    r = one(v.SHORT_6001)
    assert (r.fix_time, r.latitude, r.longitude) == (
        utc(2013, 1, 22, 15, 36, 18), 25.80907, -80.32531,
    )  # fmt: skip
    assert (r.course, r.satellites, r.attributes["power"], r.attributes["rssi"]) == (
        165.2, 11, 11.1, 17,
    )  # fmt: skip
    r = one(v.LONG_6011)  # only what every layout agrees on, and the event
    assert (r.latitude, r.longitude, r.altitude, r.speed, r.valid) == (
        32.49658, -116.85957, 250.9, 0.0, True,
    )  # fmt: skip
    assert r.attributes == {"event": 6011, "ignition": True}


def test_configured_forms() -> None:
    r = one(v.FORM_A_4002)
    assert (r.fix_time, r.latitude, r.longitude, r.altitude, r.course, r.satellites) == (
        utc(2019, 3, 30, 2, 15, 22), 46.848577, -114.022213, 978.0, 172.3, 16,
    )  # fmt: skip
    assert (r.valid, r.attributes["gps"], r.attributes["power"]) == (False, 3, 13.291)
    r = one(v.FORM_B_4002)
    assert (r.fix_time, r.satellites, r.attributes["odometer"]) == (
        utc(2019, 3, 15, 21, 30, 21), 18, 0,
    )  # fmt: skip


def test_layout_choice() -> None:
    assert layout(v.XT2150_4003.split(b","), 4003) == XT2150  # type: ignore[arg-type]
    assert layout([""] * 21, 6001) == XT2060
    assert layout([""] * 22, 6031) == XT2150  # XT-2060 + SEQ would be 22 too: XT-2150 wins
    assert layout([""] * 22, 6004)[-3:] == ("XY", "GT", "FL")
    assert layout([""] * 21, 6011)[-2:] == ("FL", "GT")
    assert layout([""] * 23, 6001) == (*XT2150, "SEQ")
    assert layout([""] * 31, 4001) == COMMON
    assert layout([""] * 3, 4001, "UID,EV,D;T") == ("UID", "EV", "D;T")


@pytest.mark.parametrize(
    ("event", "key", "value", "kind"),
    [
        (6002, "alarm", "overspeed", RecordKind.EVENT),
        (6006, "alarm", "hardAcceleration", RecordKind.EVENT),
        (6007, "alarm", "hardBraking", RecordKind.EVENT),
        (6009, "alarm", "powerCut", RecordKind.EVENT),
        (6010, "alarm", "powerRestored", RecordKind.EVENT),
        (6017, "alarm", "tow", RecordKind.EVENT),
        (6012, "ignition", False, RecordKind.POSITION),
        (6030, "motion", True, RecordKind.POSITION),
        (6019, "in2", True, RecordKind.POSITION),
    ],
)
def test_events(event: int, key: str, value: object, kind: RecordKind) -> None:
    frame = v.XT2060_6031.replace(b",6031,", f",{event},".encode())
    r = one(frame)
    assert (r.attributes[key], r.kind, r.attributes["event"]) == (value, kind, event)


def test_semicolon_date_time_form() -> None:
    frame = b"$$184801398,4006,01/26/2021;20:38:41,44.262439,-88.508944,265,0##"
    ctx = DecodeContext("x", NOW, options={"form": "UID,EV,D;T,LT,LN,AL,GSPT"})
    r = decode_sane(PROTOCOL, frame, ctx)[0]
    assert (r.fix_time, r.latitude, r.altitude) == (utc(2021, 1, 26, 20, 38, 41), 44.262439, 265)


def test_non_location_messages() -> None:
    assert PROTOCOL.decode(v.VERSION_6115, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        b"$$357207059646786,4003,2015/13/19,15:54:56,1,1,0,0##",
        b"$$357207059646786,4003,2015/05/19,25:54:56,1,1,0,0##",
        b"$$357207059646786,4003,2015/05/19,15:54,1,1,0,0##",
        b"$$357207059646786,4003,2015/05/19,15:54:56,91,1,0,0##",
        b"$$357207059646786,4003,2015/05/19,15:54:56,1,181,0,0##",
        b"$$357207059646786,4003,2015/05/19,15:54:56,1,,0,0##",
        b"$$357207059646786,4003,2015/05/19,15:54:56,1,1,0,999##",
        b"$$357207059646786,4003,2015/05/19,15:54:56,1,1,x,0##",
        b"$$357207059646786,40x3,2015/05/19,15:54:56,1,1,0,0##",
        b"$$357207059646786##",
    ],
)
def test_out_of_range_fields_are_invalid(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_device_round_trip() -> None:
    dev = Device("357207059646786")
    assert dev.login() == (b"", b"")
    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.0, course=359.5, altitude=42.0, satellites=9,
        attributes={"ignition": False, "power": 12.6, "odometer": 160934},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert framer(PROTOCOL).feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, Session())
    assert (up.unique_id, up.ack, expected) == ("357207059646786", b"", b"")
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid, r.course, r.altitude, r.satellites) == (
        RecordKind.POSITION, fix.fix_time, True, 359.5, 42.0, 9,
    )  # fmt: skip
    assert r.speed == pytest.approx(87.0, abs=0.1)  # one-decimal mph on the wire
    assert (r.latitude, r.longitude) == (fix.latitude, fix.longitude)
    assert r.attributes["ignition"] is False and r.attributes["power"] == 12.6
    assert r.attributes["odometer"] == pytest.approx(160934, abs=100)
    frame, expected = dev.heartbeat()
    assert dev.report([]) == (frame, expected)
    r = one(frame)
    assert (r.kind, r.fix_time, r.has_position, expected) == (RecordKind.STATUS, NOW, False, b"")
    with pytest.raises(ValueError, match="one fix per message"):
        dev.report([fix, fix])
