"""Laipac decoding: `$AVRMC` with exact values (the reference test's own expected fix), battery
in mV and in V, the cell pair, alarms, no-fix reports as status records, no record from system
information or keep-alives, and the device's error for malformed fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.laipac import PROTOCOL
from fleetwire.protocols.laipac.framing import sentence
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="99999999", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_report() -> None:
    r = one(v.RMC_VOLTS)  # the reference's expectation: 2003-07-18 16:43:39, 43.85090, -79.39241
    assert r.fix_time == datetime(2003, 7, 18, 16, 43, 39, tzinfo=UTC)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (43.8509, -79.39241)
    assert (r.valid, r.speed, r.course, r.attributes) == (
        True, 0.54, 78.66, {"event": "0", "battery": 3.727})  # fmt: skip


def test_battery_millivolts_and_cell() -> None:
    a = one(v.RMC_CELL).attributes
    assert (a["battery"], a["event"]) == (4.076, "a")
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (310, 260, 0x5317, 0x0583)
    a = one(v.RMC_SOS).attributes
    assert (a["mcc"], a["mnc"], a["alarm"]) == (206, 10, "sos")


def test_no_fix_is_a_status_record() -> None:
    r = one(v.RMC_NO_FIX)
    assert (r.kind, r.has_position, r.valid, r.attributes["alarm"]) == (
        RecordKind.EVENT, False, False, "powerOff")  # fmt: skip
    assert (r.attributes["mcc"], r.attributes["mnc"], r.attributes["cid"]) == (204, 8, 0xB913)


@pytest.mark.parametrize("frame", [v.AVSYS, v.EAVSYS, v.ECHK])
def test_no_record(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, CTX) == []


@pytest.mark.parametrize(
    "text",
    [
        "$AVRMC,1,164339,Q,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,3.727",  # status Q
        "$AVRMC,1,164339,A,4371.0542,N,07923.5445,W,0.29,78.66,180703,0,3.727",  # 71 minutes
        "$AVRMC,1,164339,A,4351.0542,N,07923.5445,W,0.29,78.66,320703,0,3.727",  # day 32
        "$AVRMC,1,164339,A,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,x",
        "$AVRMC,1,164339,A,4351.0542,N,07923.5445,W,0.29,78.66",
        "$AVRMC,1,164339,A,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,1,1,1,0,0,0DZAB913,020408",
    ],
)
def test_malformed_fields_are_the_devices_error(text: str) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(sentence(text), CTX)
