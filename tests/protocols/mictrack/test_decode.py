"""Mictrack decoding beyond the captures: a GPS report field by field, a heartbeat without a
fix, the cell, several low-altitude fixes, and bad fields as the device's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.mictrack import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="866425031361423", received=NOW)


def test_gps_report_field_by_field() -> None:
    (rec,) = decode_sane(PROTOCOL, v.GPS, CTX)
    assert rec.valid and rec.fix_time == datetime(2019, 1, 9, 9, 18, 3, tzinfo=UTC)
    assert (rec.latitude, rec.longitude, rec.speed, rec.course) == (22.63827, 114.02922, 2.14, 69)
    assert rec.satellites == 2 and rec.attributes == {"event": 10, "battery": 3.744}


def test_heartbeat_without_fix_is_a_status() -> None:
    (rec,) = PROTOCOL.decode(v.HEARTBEAT, CTX)
    assert rec.kind == RecordKind.STATUS and not rec.has_position


def test_cell() -> None:
    (rec,) = PROTOCOL.decode(v.CELL, CTX)
    assert {k: rec.attributes[k] for k in ("mcc", "mnc", "lac", "cid")} == {
        "mcc": 460, "mnc": 0, "lac": 20616, "cid": 21681,
    }  # fmt: skip


def test_low_altitude_fixes() -> None:
    first, second = decode_sane(PROTOCOL, v.LOW_ALTITUDE, CTX)
    assert first.fix_time == datetime(2017, 11, 13, 6, 22, 32, tzinfo=UTC)
    assert second.fix_time == datetime(2017, 11, 13, 6, 23, 32, tzinfo=UTC)
    assert (first.altitude, second.course) == (95.0, 209.62)


@pytest.mark.parametrize(
    "frame",
    [
        v.GPS.replace(b"+22.63827", b"+92.63827"),
        v.GPS.replace(b"190109", b"191309"),
        v.GPS.replace(b"+3744+", b"+37x4+"),
        v.CELL.replace(b"0,21681", b"x,21681"),
        b"MT;6;866425031361423;R0;10+190109091803\r\n",
        b"861108032038761$062232.00,A,2238.2832,N\r\n",
    ],
)
def test_bad_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)
