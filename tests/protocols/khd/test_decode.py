"""KHD decoding: the position block of every report command with exact values, south and west
by the sign bit, the login without a record, malformed fields refused, the simulated device
read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.khd import PROTOCOL, Device
from fleetwire.protocols.khd.framing import build
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="02668373", received=NOW)


def decode(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def test_position() -> None:
    (r,) = decode(v.POSITION)
    assert r.fix_time == datetime(2012, 8, 11, 3, 21, 37, tzinfo=UTC)
    assert r.valid and r.kind == RecordKind.POSITION
    assert r.latitude == pytest.approx(22 + 37.301 / 60)
    assert r.longitude == pytest.approx(114 + 2.111 / 60)
    assert (r.speed, r.course) == (0.0, 334.0)
    assert r.attributes == {}


def test_alarm_and_stored() -> None:
    (r,) = decode(v.ALARM)
    assert r.kind == RecordKind.EVENT and r.attributes == {"alarm": "general"}
    assert (r.speed, r.course) == (80.0, 207.0)
    (r,) = decode(v.STORED)
    assert r.latitude == pytest.approx(-(1 + 19.391 / 60))
    assert r.longitude == pytest.approx(36 + 52.745 / 60)
    assert r.attributes == {"archive": True}
    (r,) = decode(v.EXTENDED)
    assert r.fix_time == datetime(2017, 2, 16, 20, 33, 53, tzinfo=UTC)


def test_login_has_no_record() -> None:
    assert decode(v.LOGIN) == []


def test_bad_fields() -> None:
    ip = bytes.fromhex("02425349")
    good = bytes.fromhex("120811032137022373011140211100000334ff")
    for bad in (
        good[:1] + b"\x13" + good[2:],  # month 13
        good[:6] + bytes.fromhex("02273011") + good[10:],  # 27.3011: 73 minutes
        good[:6] + bytes.fromhex("0a") + good[7:],  # not BCD
        good[:16] + bytes.fromhex("0400") + good[18:],  # course 400
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(build(0x80, ip + bad), CTX)


def test_simulated_device_reads_back() -> None:
    device = Device(Device.example_id)
    rec = Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=-33.8688,
        longitude=-151.2093, speed=42.0, course=91.0,
    )  # fmt: skip
    frame, ack = device.report([rec])
    up = PROTOCOL.inspect(frame, Session())
    assert (up.unique_id, up.ack) == (Device.example_id, ack)
    (got,) = decode(frame)
    assert got.fix_time == rec.fix_time and got.valid
    assert got.latitude == pytest.approx(-33.8688, abs=1e-5)
    assert got.longitude == pytest.approx(-151.2093, abs=1e-5)
    assert (got.speed, got.course) == (42.0, 91.0)
