"""StarLink decoding: exact values in the default format and in configured ones (the `format`
decode option), the wireless sensor reports, status records for reports without a fix, our
error for a malformed format, and the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from fleetwire.errors import ConfigError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.starlink import PROTOCOL, Device
from fleetwire.protocols.starlink.framing import build
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v


def one(frame: bytes, **options: Any) -> Record:
    ctx = DecodeContext(unique_id="031B2B", received=NOW, options=options)
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def test_default_format() -> None:
    r = one(v.POSITION)
    assert r.kind == RecordKind.POSITION and r.valid
    assert r.fix_time == datetime(2017, 3, 29, 3, 51, 43, tzinfo=UTC)
    assert (round(r.latitude or 0, 6), round(r.longitude or 0, 6)) == (31.966952, 34.777903)
    assert (round(r.speed or 0, 3), r.course) == (12.594, 326.0)  # 6.8 knots
    a = r.attributes
    assert (a["event"], a["odometer"], a["lac"], a["cid"]) == (1, 99000, 10452, 8723)
    assert (a["power"], a["battery"], a["ignition"], a["engine"]) == (14.212, 3.827, True, True)
    assert (a["in1"], a["in2"], a["out1"]) == (1, 1, 0)


def test_a_report_without_a_fix_is_a_status_at_its_event_time() -> None:
    r = one(v.NO_FIX)
    assert r.kind == RecordKind.STATUS and not r.has_position
    assert r.fix_time == datetime(2017, 5, 18, 12, 20, 45, tzinfo=UTC)
    assert r.attributes["event"] == 19


def test_configured_format() -> None:
    r = one(v.FUEL, format=v.FUEL_FORMAT)
    assert (round(r.latitude or 0, 6), round(r.longitude or 0, 6)) == (9.620318, 41.863677)
    assert r.fix_time == datetime(2021, 3, 22, 8, 39, 40, tzinfo=UTC)
    a = r.attributes
    assert (a["fuelLevel"], a["rssi"], a["eventDescription"], r.satellites) == (
        12, 64, "Location", 20)  # fmt: skip
    # the same report read with the default format is wrong, and refused as such
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.FUEL, DecodeContext(unique_id=None, received=NOW))


def test_lost_power_event_is_an_alarm() -> None:
    r = one(v.LOST_POWER, format=v.LOST_POWER_FORMAT)
    assert (r.attributes["event"], r.attributes["alarm"]) == (9, "powerCut")
    assert r.attributes["eventDescription"] == "Lost Power"


@pytest.mark.parametrize(
    ("code", "alarm"), [(11, "lowBattery"), (36, "general"), (41, "accident"), (1, None)]
)
def test_event_codes_that_are_alarms(code: int, alarm: str | None) -> None:
    """flespi's description of the protocol: 11 battery low, 36 an alarm, 41 an accident."""
    report = build(f"SLU031B2B,06,1,170518122045,{code:02d}")
    assert one(report).attributes.get("alarm") == alarm


def test_wireless_sensors() -> None:
    a = one(v.SENSORS, format=v.SENSOR_FORMAT).attributes
    assert (a["sensor1Id"], a["temp1"], a["humidity1"], a["sensor1Voltage"]) == (
        "D469062D44D6", 29.7, 56.9, 3.098)  # fmt: skip
    assert (a["sensor2Id"], a["temp2"], a["sensor2Voltage"]) == ("D2567108639E", 30.2, 3.058)


def test_bad_sensor_report_and_other_message_types() -> None:
    bad = build(",".join(["SLU1", "06", "1", "200811104100", "01", *[""] * 14, "!!!"]))
    with pytest.raises(InvalidField):
        PROTOCOL.decode(bad, DecodeContext(None, NOW, options={"format": v.SENSOR_FORMAT}))
    assert PROTOCOL.decode(build("SLU1,07,1,x"), DecodeContext(None, NOW)) == []


@pytest.mark.parametrize("form", ["", 5, "#EDT#,EID", "#EDT#,##"])
def test_a_malformed_format_is_our_error(form: object) -> None:
    with pytest.raises(ConfigError):
        PROTOCOL.decode(v.POSITION, DecodeContext(None, NOW, options={"format": form}))


def test_simulated_device_reads_back() -> None:
    dev = Device("352353088342073")
    assert dev.login() == (b"", b"")
    sent = Record(
        fix_time=datetime(2026, 5, 1, 8, 30, tzinfo=UTC), valid=True, latitude=-33.868765,
        longitude=-70.5, speed=88.0, course=270.0,
    )  # fmt: skip
    frame, ack = dev.report([sent])
    assert frame.endswith(b"\r\n")
    assert ack == b"" and PROTOCOL.inspect(frame, Session()).unique_id == dev.unique_id
    r = one(frame)
    assert (r.fix_time, r.course) == (sent.fix_time, 270.0)
    assert abs((r.latitude or 0) - -33.868765) < 2e-6 and r.longitude == pytest.approx(-70.5)
    assert abs((r.speed or 0) - 88.0) < 0.1
