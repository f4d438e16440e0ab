"""WondeX decoding: the report layouts with exact values (the reference test's own expected
fix among them), command answers, the heartbeat, the device's error for malformed fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.wondex import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="2000000108", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_reports() -> None:
    r = one(v.KAZAKH)  # the reference's expectation: 2015-10-30 14:54:04, 43.35470, 76.94863
    assert r.fix_time == datetime(2015, 10, 30, 14, 54, 4, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.course, r.altitude) == (43.3547, 76.948633, 140, 15)
    assert (r.satellites, r.attributes) == (None, {"event": 1})  # 100 satellites: not a count
    r = one(v.VT300)
    assert (r.latitude, r.longitude, r.altitude, r.satellites) == (9.781493, -63.179111, 54, 8)
    assert r.attributes == {"event": 2, "odometer": 0, "input": 0, "adc1": 0.01, "adc2": 0.01}
    assert one(v.BATTERY).attributes == {"event": 2, "battery": 3.9}
    assert one(v.NEGATIVE_ALTITUDE).altitude == -49
    assert one(v.VT10_LINE).attributes == {"event": 2}


def test_command_answers() -> None:
    r = one(v.ERR_LOCATION)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS, NOW, {"result": "$ERR:GETLOCATION=1"})  # fmt: skip


def test_heartbeat_gives_no_record() -> None:
    assert PROTOCOL.decode(v.HEARTBEAT, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        b"1,20151330145404,76.9,43.3,0,140,15,1,1\r\n",  # month 13
        b"1,20151030145404,76.9,93.3,0,140,15,1,1\r\n",  # latitude 93
        b"1,20151030145404,76.9,43.3,0,540,15,1,1\r\n",  # heading 540
        b"1,20151030145404,76.9,43.3,0,140,15,x,1\r\n",
        b"1,20151030145404,76.9,43.3,0,140,15,1\r\n",  # too few fields
        "1,20151030145404,76.9,43.3,0,140,15,1,1,é\r\n".encode(),
    ],
)
def test_malformed_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)
