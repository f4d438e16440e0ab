"""UPRO decoding: exact values of real messages (the positions the reference asserts, the hemisphere
and validity flags, binary blocks, status messages with time, cells and battery), the device's
errors, and the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.upro import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="693502000034964", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_south_west_valid_position_the_reference_asserts() -> None:
    r = one(v.CHILE)
    assert r.kind == RecordKind.POSITION and r.valid
    assert r.fix_time == datetime(2016, 11, 9, 8, 0, 25, tzinfo=UTC)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (-33.58934, -70.61626)
    assert r.attributes == {"event": "AB"}


def test_invalid_north_east_position_the_reference_asserts() -> None:
    r = one(v.SLOVAKIA)
    assert not r.valid
    assert r.fix_time == datetime(2015, 11, 25, 3, 17, 26, tzinfo=UTC)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (49.22016, 18.74855)


def test_speed_course_and_battery() -> None:
    r = one(v.BATTERY)
    assert (r.speed, r.course) == (0.0, 220.0)
    assert r.attributes["batteryLevel"] == 83.0
    fast = one(v.SHENZHEN.replace(b"60000230618", b"61627230618"))
    assert (round(fast.speed or 0, 3), fast.course) == (29.632, 270.0)  # 16 knots


def test_binary_block_around_a_position() -> None:
    r = one(v.BINARY_Q)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (-33.43909, -70.64896)
    assert r.attributes["batteryLevel"] == 99.0


def test_status_messages() -> None:
    h = one(v.HEARTBEAT)
    assert h.kind == RecordKind.STATUS and h.fix_time == NOW
    assert h.attributes == {"event": "AH", "batteryLevel": 99.0}
    c = one(v.CELLS)
    assert c.fix_time == datetime(2019, 7, 17, 10, 39, 20, tzinfo=UTC)
    assert (c.attributes["mcc"], c.attributes["mnc"], c.attributes["lac"]) == (260, 6, 1016)
    assert c.attributes["cid"] == 13931
    assert PROTOCOL.decode(v.BARE, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        v.SHENZHEN.replace(b"230618", b"320618"),  # day 32
        v.SHENZHEN.replace(b"22333629", b"95333629"),  # latitude 95
        v.SHENZHEN.replace(b"&A1656512233", b"&A16565122x3"),
        v.SHENZHEN.replace(b"&A165651", b"&A16565"),  # 33 digits
        v.BATTERY.replace(b"&M830", b"&M8x0"),
        v.CELLS.replace(b"&E190717", b"&E191317"),  # month 13
    ],
)
def test_device_errors(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_simulated_device_reads_back() -> None:
    dev = Device("356307042441013")
    assert dev.login() == (b"", b"")
    sent = Record(
        fix_time=datetime(2026, 5, 1, 8, 30, tzinfo=UTC), valid=True, latitude=-33.868765,
        longitude=151.207115, speed=88.0, course=270.0,
    )  # fmt: skip
    frame, ack = dev.report([sent])
    assert ack == b"" and PROTOCOL.inspect(frame, Session()).unique_id == dev.unique_id
    r = one(frame)
    assert (r.fix_time, r.valid, r.course) == (sent.fix_time, True, 270.0)
    assert abs((r.latitude or 0) - -33.868765) < 2e-6
    assert abs((r.longitude or 0) - 151.207115) < 2e-6
    assert abs((r.speed or 0) - 88.0) < 1.0  # whole knots


def test_errors_are_the_devices() -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(b"#", CTX)
