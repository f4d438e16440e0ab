"""JT600 decoding: every message type with exact values (binary short and long, U01, U06, W01,
P45; U04, @JT and U09 give nothing), malformed frames refused, the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.jt600 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="3120820029", received=NOW)


def decode(frame: bytes, **options: object) -> list[Record]:
    ctx = DecodeContext(unique_id="3120820029", received=NOW, options=dict(options))
    return decode_sane(PROTOCOL, frame, ctx)


def test_short_record() -> None:
    (r,) = decode(v.SHORT_ONE)
    assert r.fix_time == datetime(2011, 2, 16, 5, 59, 10, tzinfo=UTC)
    assert r.valid and r.kind == RecordKind.POSITION
    assert r.latitude == pytest.approx(22.54977, abs=1e-5)
    assert r.longitude == pytest.approx(-114.07705, abs=1e-5)
    assert (r.speed, r.course, r.satellites) == (5.0, 304.0, 9)
    assert r.attributes == {"index": 0x1F}


def test_short_south_east() -> None:
    (r,) = decode(v.SHORT_SOUTH)
    assert r.latitude == pytest.approx(-(24 + 38.0997 / 60), abs=1e-6)
    assert r.longitude == pytest.approx(25 + 53.3584 / 60, abs=1e-6)
    assert (r.speed, r.course, r.satellites) == (0.0, 8.0, 6)


def test_several_short_records() -> None:
    records = decode(v.SHORT_SIX)
    assert [r.fix_time.second for r in records] == [53, 3, 13, 23, 33, 43]
    assert all(r.latitude == pytest.approx(22 + 56.4025 / 60) for r in records)


def test_long_records() -> None:
    (r,) = decode(v.LONG_35)
    assert r.fix_time == datetime(2016, 11, 11, 0, 31, 13, tzinfo=UTC)
    assert (r.latitude, r.longitude) == (pytest.approx(-26.240727, abs=1e-6),
                                         pytest.approx(28.351318, abs=1e-6))  # fmt: skip
    assert (r.speed, r.course, r.satellites) == (1.0, 216.0, 7)
    (r,) = decode(v.LONG_52)
    assert r.longitude == pytest.approx(-3.427038, abs=1e-6) and r.valid


def test_u01() -> None:
    (r,) = decode(v.U01)
    assert r.fix_time == datetime(2012, 8, 4, 18, 53, 2, tzinfo=UTC)
    assert (r.valid, r.latitude, r.longitude) == (True, 22.564025, 113.242329)
    assert (r.speed, r.course, r.satellites) == (5.21, 152.0, 9)
    assert r.attributes == {"batteryLevel": 32, "status": 3}


def test_u06_is_an_event() -> None:
    (r,) = decode(v.U06)
    assert r.kind == RecordKind.EVENT
    assert r.attributes["event"] == 11
    assert (r.latitude, r.longitude) == (9.552553, -13.658265)


def test_w01_and_p45() -> None:
    (r,) = decode(v.W01)
    assert r.fix_time == datetime(2011, 5, 4, 6, 37, 36, tzinfo=UTC)
    assert r.latitude == pytest.approx(22.54994, abs=1e-5)
    assert r.longitude == pytest.approx(114.07701, abs=1e-5)
    (r,) = decode(v.P45)
    assert r.kind == RecordKind.EVENT and r.attributes["event"] == 45
    assert (r.latitude, r.longitude) == (-25.28217, -57.54683)


def test_status_messages_give_nothing() -> None:
    for frame in (v.U04, v.HEARTBEAT, v.U09):
        assert decode(frame) == []


def test_timezone_option() -> None:
    (r,) = decode(v.U01, timezone=8)
    assert r.fix_time == datetime(2012, 8, 4, 10, 53, 2, tzinfo=UTC)


def test_malformed() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(b"(3301210003,U01,040812,185302,T,22.5)", CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.U01.replace(b"040812", b"043212"), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.U01.replace(b",N,", b",Q,"), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.U01.replace(b"22.564025", b"92.564025"), CTX)
    bad_minutes = v.SHORT_ONE.replace(bytes.fromhex("22329862"), bytes.fromhex("22729862"))
    with pytest.raises(InvalidField):
        PROTOCOL.decode(bad_minutes, CTX)
    with pytest.raises(DeviceError):
        PROTOCOL.decode(v.SHORT_ONE[:-3], CTX)
    # a short body that is not whole records: stored, not decoded
    odd = bytes.fromhex("24311021600111000200AA0B")
    assert PROTOCOL.decode(odd, CTX) == []


def test_simulated_device_reads_back() -> None:
    rec = Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=-33.8688,
        longitude=-151.2093, speed=42.0, course=91.0, satellites=9,
    )  # fmt: skip
    device = Device(Device.example_id)
    frame, ack = device.report([rec])
    assert ack == b"(S39)" == PROTOCOL.inspect(frame, Session()).ack
    (text,) = decode(frame)
    assert (text.latitude, text.longitude, text.speed, text.course) == (-33.8688, -151.2093,
                                                                        42.0, 91.0)  # fmt: skip
    frame = device.binary_report([rec, rec])
    assert PROTOCOL.inspect(frame, Session()).unique_id == Device.example_id
    got = decode(frame)
    assert len(got) == 2
    assert got[0].fix_time == rec.fix_time and got[0].valid
    assert got[0].latitude == pytest.approx(-33.8688, abs=1e-5)
    assert got[0].longitude == pytest.approx(-151.2093, abs=1e-5)
    assert (got[0].speed, got[0].course, got[0].satellites) == (42.0, 92.0, 9)
