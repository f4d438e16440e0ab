"""iVT401 decoding beyond the captures: a report field by field, the buffered flag, the report
without a clock, bad fields as the device's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.ivt401 import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="862107032006249", received=NOW)


def test_report_field_by_field() -> None:
    (rec,) = decode_sane(PROTOCOL, v.NORMAL, CTX)
    assert rec.valid and rec.fix_time == datetime(2018, 2, 23, 18, 5, tzinfo=UTC)
    assert (rec.latitude, rec.longitude, rec.altitude) == (18.479728, 73.896339, 944.0)
    assert (rec.speed, rec.course, rec.satellites) == (30.0, 0.0, 13)
    assert rec.attributes == {"rssi": 5, "power": 10.88, "battery": 6.31, "deviceTemp": 29.55}


def test_a_report_without_a_clock_gives_nothing() -> None:
    assert PROTOCOL.decode(v.NO_CLOCK, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        v.NORMAL.replace(b"+18.479728", b"+98.479728"),
        v.NORMAL.replace(b"230218", b"320218"),
        v.NORMAL.replace(b",944,", b",9x4,"),
        b"(TLN,862107032006249,230218,180500,+18.479728)",
    ],
)
def test_bad_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)
