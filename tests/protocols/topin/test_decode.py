"""Topin decoding: every message type with exact values; login, bare heartbeat and time
request give nothing; malformed frames refused; the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.topin import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="359339075416963", received=NOW)


def decode(frame: bytes) -> list[Record]:
    return decode_sane(PROTOCOL, frame, CTX)


def test_gps() -> None:
    (r,) = decode(v.GPS)
    assert r.fix_time == datetime(2010, 3, 23, 15, 50, 23, tzinfo=UTC)
    assert r.valid and r.kind == RecordKind.POSITION
    assert r.latitude == pytest.approx(0x026B3F3E / 1_800_000)
    assert r.longitude == pytest.approx(0x0C22AD65 / 1_800_000)
    assert (r.speed, r.course, r.satellites) == (31.0, 96.0, 12)
    (r,) = decode(v.GPS_LONGER)
    assert r.fix_time == datetime(2018, 11, 5, 3, 13, 36, tzinfo=UTC)


def test_offline_gps_is_archive() -> None:
    offline = v.GPS[:3] + b"\x11" + v.GPS[4:]
    (r,) = decode(offline)
    assert r.attributes == {"archive": True}


def test_heartbeat_with_a_fix() -> None:
    (r,) = decode(v.HEARTBEAT_FIX)
    assert r.fix_time == datetime(2020, 7, 9, 18, 31, 54, tzinfo=UTC)
    assert (r.latitude, r.longitude) == (48.882335, 2.363773)


def test_status() -> None:
    (r,) = decode(v.STATUS)
    assert r.kind == RecordKind.STATUS and r.fix_time == NOW
    assert r.attributes == {"batteryLevel": 66, "versionFw": "64"}
    (r,) = decode(v.STATUS_SHORT)
    assert r.attributes["batteryLevel"] == 81


def test_wifi_cells() -> None:
    (r,) = decode(v.WIFI)
    assert r.kind == RecordKind.STATUS and not r.has_position
    assert r.fix_time == datetime(2019, 11, 11, 20, 14, 18, tzinfo=UTC)
    assert r.attributes == {"mcc": 404, "mnc": 86, "lac": 0x4651, "cid": 0x11AA, "archive": True}


def test_nothing_to_decode() -> None:
    for frame in (v.LOGIN, v.HEARTBEAT, v.TIME_REQUEST):
        assert decode(frame) == []


def test_malformed() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(bytes.fromhex("78780213420d0a"), CTX)  # status without its version
    with pytest.raises(InvalidField):  # month 13
        PROTOCOL.decode(v.GPS[:5] + b"\x0d" + v.GPS[6:], CTX)
    with pytest.raises(InvalidField):  # BCD month 13
        PROTOCOL.decode(v.WIFI[:5] + b"\x13" + v.WIFI[6:], CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(bytes.fromhex("787801100d0a"), CTX)


def test_simulated_device_reads_back() -> None:
    device = Device("359339075416963")
    frame, ack = device.login()
    assert PROTOCOL.inspect(frame, Session()).ack == ack
    rec = Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=-33.8688,
        longitude=-151.2093, speed=42.0, course=91.0, satellites=9,
    )  # fmt: skip
    frame, ack = device.report([rec])
    assert PROTOCOL.inspect(frame, Session()).ack == ack
    (got,) = decode(frame)
    assert got.fix_time == rec.fix_time and got.valid
    assert got.latitude == pytest.approx(-33.8688, abs=1e-6)
    assert got.longitude == pytest.approx(-151.2093, abs=1e-6)
    assert (got.speed, got.course, got.satellites) == (42.0, 91.0, 9)
