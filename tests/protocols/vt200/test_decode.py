"""VT200 decoding: positions, the ignition report, the trip summary with exact values; other
types give nothing; malformed data refused; the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.vt200 import PROTOCOL, Device
from fleetwire.protocols.vt200.framing import build
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="631037309456", received=NOW)


def decode(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def test_positions() -> None:
    (r,) = decode(v.POSITION)
    assert r.fix_time == datetime(2018, 1, 19, 18, 37, 58, tzinfo=UTC)
    assert r.valid
    assert r.latitude == pytest.approx(-(1 + 24.5774 / 60))
    assert r.longitude == pytest.approx(36 + 42.4612 / 60)
    assert (r.speed, r.course, r.satellites) == (0.0, 44.0, 9)
    (r,) = decode(v.POSITION_2086)
    assert (r.speed, r.course, r.satellites) == (32.0, 250.0, 9)
    (r,) = decode(v.ESCAPED_29)
    assert r.fix_time == datetime(2017, 6, 13, 13, 27, 29, tzinfo=UTC)
    (r,) = decode(v.ESCAPED_28)
    assert r.fix_time == datetime(2017, 6, 9, 16, 16, 54, tzinfo=UTC)


def test_ignition_and_trip() -> None:
    (r,) = decode(v.IGNITION)
    assert r.attributes == {"ignition": False}
    assert r.latitude == pytest.approx(44 + 17.0750 / 60)
    (r,) = decode(v.TRIP)
    assert r.kind == RecordKind.STATUS
    assert r.fix_time == datetime(2017, 8, 1, 14, 41, 35, tzinfo=UTC)
    assert r.attributes == {"tripStart": "2017-08-01T14:09:54Z"}


def test_ignition_without_a_fix() -> None:
    data = bytes.fromhex("010003280414090004")
    (r,) = decode(build("301404140001", 0x3089, data))
    assert r.kind == RecordKind.STATUS and not r.has_position
    assert r.fix_time == datetime(2014, 4, 28, 9, 0, 4, tzinfo=UTC)
    assert r.attributes == {"ignition": True}


def test_other_types_give_nothing() -> None:
    assert decode(v.OTHER) == []


def test_malformed() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build("631037309456", 0x2082, bytes(10)), CTX)
    with pytest.raises(InvalidField):  # month 13
        PROTOCOL.decode(build("631037309456", 0x3089, bytes.fromhex("010003281314090004")), CTX)


def test_simulated_device_reads_back() -> None:
    rec = Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=-33.8688,
        longitude=-151.2093, speed=42.0, course=91.0, satellites=9,
    )  # fmt: skip
    frame, ack = Device(Device.example_id).report([rec])
    assert ack == b"" and PROTOCOL.inspect(frame, Session()).unique_id == Device.example_id
    (got,) = decode(frame)
    assert got.fix_time == rec.fix_time and got.valid
    assert got.latitude == pytest.approx(-33.8688, abs=1e-5)
    assert got.longitude == pytest.approx(-151.2093, abs=1e-5)
    assert (got.speed, got.course, got.satellites) == (42.0, 92.0, 9)
