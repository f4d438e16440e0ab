"""HuaSheng decoding: positions with exact values and items, a unit without a clock, DTCs;
login and requests give nothing; malformed content refused; the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.huasheng import PROTOCOL, Device
from fleetwire.protocols.huasheng.framing import build
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="862950028534306", received=NOW)


def decode(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def test_position() -> None:
    (r,) = decode(v.POSITION)
    assert r.fix_time == datetime(2015, 5, 26, 7, 58, 28, tzinfo=UTC)
    assert r.valid and (r.latitude, r.longitude) == (22.55599, 113.94241)
    assert (r.speed, r.course, r.altitude) == (0.0, 0.0, 18.0)
    (r,) = decode(v.MOVING)
    assert (r.speed, r.course, r.altitude) == (57.0, 163.0, 137.0)
    assert (r.latitude, r.longitude) == (-33.75952, 151.24526)


def test_items() -> None:
    (r,) = decode(v.HOURS)
    assert r.attributes == {"hours": 1174 * 180_000}
    (r,) = decode(v.NO_CLOCK)
    assert r.kind == RecordKind.STATUS and r.fix_time == NOW and not r.has_position
    assert r.attributes["vin"] == "WVWZZZCDZNW119154"


def test_dtcs() -> None:
    (r,) = decode(v.DTC)
    assert r.attributes == {"dtcs": "P0100 P0200 P0300 C0300 B0200 U0100"}


def test_nothing_to_decode() -> None:
    for frame in (v.LOGIN, v.REQUEST, v.OTHER):
        assert decode(frame) == []


def test_malformed() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(0, 0xAA00, 1, bytes(10)), CTX)
    bad_time = bytes(4) + b"15x526075828" + bytes(16)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(0, 0xAA00, 1, bad_time), CTX)
    far = b"\x80\x00\x00\x00150526075828" + (20_000_000).to_bytes(4, "big") + bytes(12)
    with pytest.raises(InvalidField):  # longitude 200
        PROTOCOL.decode(build(0, 0xAA00, 1, far), CTX)
    with pytest.raises(TruncatedFrame):  # an item shorter than its own header
        PROTOCOL.decode(build(0, 0xAA12, 1, bytes.fromhex("00010002")), CTX)


def test_simulated_device_reads_back() -> None:
    device = Device("862950028534306")
    frame, ack = device.login()
    assert PROTOCOL.inspect(frame, Session()).ack == ack
    rec = Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=-33.8688,
        longitude=-151.2093, altitude=120.0, speed=42.0, course=91.0,
    )  # fmt: skip
    frame, ack = device.report([rec])
    assert PROTOCOL.inspect(frame, Session()).ack == ack
    (got,) = decode(frame)
    assert got.fix_time == rec.fix_time and got.valid
    assert (got.latitude, got.longitude) == (-33.8688, -151.2093)
    assert (got.speed, got.course, got.altitude) == (42.0, 91.0, 120.0)
