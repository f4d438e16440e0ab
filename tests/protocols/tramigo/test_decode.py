"""Tramigo decoding: the report texts with exact values (position, speed and compass heading,
ignition, battery, French text), the header's time, no record from a ping; the 0x04 binary
report's block walk (a report block's position, a trip summary without one)."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.tramigo import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="93877507", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_moving() -> None:
    r = one(v.MOVING)
    assert r.fix_time == datetime(2017, 8, 9, 0, 49, 17, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.speed, r.course) == (4.83149, 100.73085, 10.0, 315.0)
    assert r.attributes == {"event": "Moving"}
    r = one(v.SOUTH_EAST)
    assert (r.latitude, r.longitude, r.speed, r.course) == (-33.70722, 150.71759, 37.0, 135.0)


def test_stopped_and_parked() -> None:
    assert (one(v.STOPPED).speed, one(v.STOPPED).attributes["event"]) == (0.0, "Stopped")
    r = one(v.PARKED)
    assert (r.latitude, r.longitude, r.speed) == (40.37766, -3.73835, 0.0)


def test_ignition_status_and_other_languages() -> None:
    assert one(v.IGNITION_ON).attributes["ignition"] is True
    assert one(v.IGNITION_OFF).attributes["ignition"] is False
    assert one(v.STATUS).attributes["batteryLevel"] == 100
    r = one(v.FRENCH)
    assert (r.latitude, r.longitude) == (-4.34106, 15.34915)
    assert r.attributes["event"] == "Allumage marche détecté"


@pytest.mark.parametrize("frame", [v.PING, v.BINARY_NO_POSITION])
def test_no_record(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, CTX) == []


def test_position_out_of_range_is_the_devices_error() -> None:
    frame, _ = Device("93877507").report([Record(NOW, latitude=1.0, longitude=2.0)])
    assert one(frame).latitude == 1.0
    bad = frame[:6] + bytes((len(frame) + 1, 0)) + frame[8:].replace(b", 1.00000,", b", 91.00000,")
    with pytest.raises(InvalidField):
        PROTOCOL.decode(bad, CTX)


def test_binary_report_block() -> None:
    # the unit's clock reads 2000-01-01 00:00:15 (never set since power-up): the kept position
    # (Harare, as its landmark block names it) is no fix of now, so invalid and dated on arrival
    r = one(v.BINARY)
    assert (r.latitude, r.longitude, r.valid, r.fix_time) == (-17.85727, 31.01805, False, NOW)
    assert (r.speed, r.course) == (0.0, 21.0)
    assert r.attributes == {"index": 7003, "event": 50, "status": 133, "ignition": False,
                            "rssi": 0, "gps": 0, "batteryLevel": 5}  # fmt: skip


def test_binary_report_with_a_set_clock_is_a_valid_fix() -> None:
    at = 19 + 1 + 35  # header, block type, the report's fields before its fix time
    fixed = v.BINARY[:at] + struct.pack("<I", 1_676_451_412) + v.BINARY[at + 4 :]
    r = one(fixed)
    assert (r.valid, r.fix_time) == (True, datetime(2023, 2, 15, 8, 56, 52, tzinfo=UTC))


def test_binary_unknown_or_overlong_block_is_the_devices_error() -> None:
    with pytest.raises(InvalidField):  # block type 0x63 after the report block
        PROTOCOL.decode(v.BINARY[:60] + b"\x63" + v.BINARY[61:], CTX)
    with pytest.raises(InvalidField):  # landmark length past the frame's end
        PROTOCOL.decode(v.BINARY[:61] + b"\xff\x00" + v.BINARY[63:], CTX)
