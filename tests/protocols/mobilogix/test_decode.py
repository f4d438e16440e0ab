"""Mobilogix decoding: location and alarm messages with exact values, status bits, the
heartbeat as a status record, no record from a login or a short message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.mobilogix import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="201951132044", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_location() -> None:
    r = one(v.LOCATION)
    assert r.fix_time == datetime(2020, 12, 1, 12, 1, 9, tzinfo=UTC)
    assert (r.kind, r.valid, r.latitude, r.longitude, r.speed, r.course) == (
        RecordKind.POSITION, True, -23.56341, -46.588055, 0, 0)  # fmt: skip
    assert (r.satellites, r.attributes["rssi"], r.attributes["battery"]) == (0, 2, 12.99)
    a = r.attributes  # 0x3B: relay released, charging, ignition off, moving
    assert (a["blocked"], a["charge"], a["ignition"], a["motion"], a["type"]) == (
        False, True, False, True, "T3")  # fmt: skip
    assert one(v.EXTENDED).longitude == -46.851341


def test_alarms() -> None:
    r = one(v.OVERSPEED)
    assert (r.kind, r.attributes["alarm"], r.speed, r.course) == (
        RecordKind.EVENT, "overspeed", 1, 341)  # fmt: skip
    r = one(v.VIBRATION)
    assert (r.attributes["alarm"], r.valid, r.satellites) == ("vibration", True, 7)


def test_heartbeat_is_a_status_record() -> None:
    r = one(v.HEARTBEAT)
    assert (r.kind, r.has_position, r.attributes["battery"], r.attributes["status"]) == (
        RecordKind.STATUS, False, 12.18, 0x53)  # fmt: skip


@pytest.mark.parametrize("frame", [v.LOGIN, v.SHORT_T8])
def test_no_record(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        b"[2021-10-25 20:55:11,T13,1,V1,1,3F,9.23,9x1,-25.9,-47.0,1,341]",
        b"[2021-10-25 20:55:11,T13,1,V1,1,3F,9.23,991,-95.9,-47.0,1,341]",
        b"[2021-10-25 20:55:11,T13,1,V1,1,3F,9.23,991,-25.9,-47.0,1,541]",
        b"[2021-10-25 25:55:11,T13,1,V1,1,3F,9.23,991,-25.9,-47.0,1,341]",
    ],
)
def test_malformed_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)
