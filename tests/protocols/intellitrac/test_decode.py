"""IntelliTrac decoding: the report with exact values in each layout; command answers give
nothing; malformed fields refused; the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.intellitrac import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="1010000002", received=NOW)


def decode(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def test_report() -> None:
    (r,) = decode(v.REPORT)
    assert r.fix_time == datetime(2003, 2, 17, 13, 28, 13, tzinfo=UTC)
    assert r.valid and (r.latitude, r.longitude) == (25.061725, 121.64606)
    assert (r.speed, r.course, r.altitude, r.satellites) == (20.0, 157.0, 133.0, 7)
    assert r.attributes == {"event": 0, "input": 11, "output": 15, "adc1": 0.096, "adc2": 0.0}


def test_layouts() -> None:
    (r,) = decode(v.SEQUENCED)
    assert r.latitude == 25.061725 and "adc1" not in r.attributes
    (r,) = decode(v.POLL)
    assert (r.latitude, r.attributes["event"]) == (25.061398, 2)
    (r,) = decode(v.SOUTH_WEST)
    assert (r.latitude, r.longitude) == (-12.097935, -77.070037)


def test_no_satellites_is_not_valid() -> None:
    (r,) = decode(b"1010000001,20030105092129,121.651598,25.052325,0,0,33,0,1,0,0\r\n")
    assert not r.valid and r.has_position


def test_answers_give_nothing() -> None:
    assert decode(v.OK) == []


def test_malformed() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(b"1010000002,20030217132813,121.6,25.0,20\r\n", CTX)
    for bad in (
        v.REPORT.replace(b"20030217132813", b"20031317132813"),
        v.REPORT.replace(b"25.061725", b"95.061725"),
        v.REPORT.replace(b",157,", b",x,"),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(bad, CTX)


def test_simulated_device_reads_back() -> None:
    rec = Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=-33.8688,
        longitude=-151.2093, altitude=120.0, speed=42.0, course=91.0, satellites=9,
    )  # fmt: skip
    frame, ack = Device(Device.example_id).report([rec, rec])
    assert ack == b""
    first = frame[: frame.index(b"\n") + 1]
    assert PROTOCOL.inspect(first, Session()).unique_id == Device.example_id
    (got,) = decode(first)
    assert got.fix_time == rec.fix_time and got.valid
    assert (got.latitude, got.longitude) == (-33.8688, -151.2093)
    assert (got.speed, got.course, got.altitude, got.satellites) == (42.0, 91.0, 120.0, 9)
