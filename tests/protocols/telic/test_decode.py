"""Telic decoding: exact values of real reports (both coordinate scales, missing fields, the
length prefix), no record for the connect message and answers, the device's errors, and the
simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.telic import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="436729", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_report_the_reference_asserts() -> None:
    r = one(v.AUSTRIA)
    assert r.kind == RecordKind.POSITION and r.valid
    assert r.fix_time == datetime(2013, 6, 27, 4, 16, 52, tzinfo=UTC)  # not the unset clock
    assert (r.latitude, r.longitude) == (47.5341, 16.6653)
    assert (r.speed, r.course, r.satellites, r.altitude) == (0.0, 355.0, 6, 231.0)
    assert r.attributes == {"event": 99, "odometer": 8112432, "operator": 23201, "input": 1,
                            "output": 0, "adc1": 217}  # fmt: skip


def test_report_in_millionths_with_negative_longitude() -> None:
    r = one(v.MIAMI)
    assert (r.latitude, r.longitude, r.altitude) == (25.79653, -80.333933, -21.0)
    assert r.fix_time == datetime(2020, 2, 28, 17, 41, 35, tzinfo=UTC)


def test_fix_types_the_manuals_define() -> None:
    """1: no valid data; 2, 3: 2D and 3D fixes; 6: a GSM position (Picotrack manuals)."""
    valid = {t: one(v.MIAMI.replace(b",25796530,3,", f",25796530,{t},".encode())).valid
             for t in (1, 2, 3, 6)}  # fmt: skip
    assert valid == {1: False, 2: True, 3: True, 6: False}


def test_report_without_satellites_and_behind_a_length_prefix() -> None:
    assert one(v.NO_SATELLITES).satellites is None
    r = one(v.PREFIXED_REPORT)
    assert (r.latitude, r.longitude) == (44.5133, 25.9924)
    assert r.fix_time == datetime(2017, 3, 18, 10, 31, 27, tzinfo=UTC)


@pytest.mark.parametrize("frame", [v.HELLO, v.HELLO_LETTERS, v.PREFIXED_ANSWER, v.TTUV])
def test_other_messages_give_no_record(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, CTX) == []


def test_the_nul_may_be_missing() -> None:
    assert one(v.MIAMI[:-1]).latitude == 25.79653


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (b"002035467909228696525,280220174140,0,280220174135\x00", TruncatedFrame),
        (v.MIAMI.replace(b"280220174135", b"320220174135"), InvalidField),  # day 32
        (v.MIAMI.replace(b"25796530", b"95796530"), InvalidField),  # latitude 95
        (v.MIAMI.replace(b"-80333933", b"-8x333933"), InvalidField),
        (b"\x00", TruncatedFrame),
    ],
)
def test_device_errors(text: bytes, error: type[DeviceError]) -> None:
    with pytest.raises(error):
        PROTOCOL.decode(text, CTX)


def test_simulated_device_reads_back() -> None:
    dev = Device("356307042441013")
    hello, reply = dev.login()
    assert reply == b"" and PROTOCOL.inspect(hello, Session()).unique_id == dev.unique_id
    sent = Record(
        fix_time=datetime(2026, 5, 1, 8, 30, tzinfo=UTC), valid=True, latitude=-33.868765,
        longitude=-0.000012, altitude=12.0, speed=88.0, course=270.0, satellites=9,
    )  # fmt: skip
    frame, ack = dev.report([sent])
    assert ack == b"" and PROTOCOL.inspect(frame, Session()).unique_id == dev.unique_id
    r = one(frame)
    assert (r.fix_time, r.valid, r.latitude, r.longitude) == (
        sent.fix_time, True, sent.latitude, sent.longitude)  # fmt: skip
    assert (r.altitude, r.speed, r.course, r.satellites) == (12.0, 88.0, 270.0, 9)
