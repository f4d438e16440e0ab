"""TRV decoding beyond the captures: the location block field by field, the alarm field, the
health values, and bad fields as the device's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.trv import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="353456789012345", received=NOW)


def test_location_field_by_field() -> None:
    (rec,) = decode_sane(PROTOCOL, v.LOCATION, CTX)
    assert rec.valid and rec.fix_time == datetime(2008, 5, 24, 6, 18, 30, tzinfo=UTC)
    assert rec.latitude == pytest.approx(22.54968, abs=1e-5)
    assert rec.longitude == pytest.approx(114.08226, abs=1e-5)
    assert (rec.speed, rec.course) == (0.1, 323.87)
    assert rec.attributes == {
        "rssi": 60, "sat": 9, "batteryLevel": 80, "mcc": 460, "mnc": 0, "lac": 9520,
        "cid": 3671,
    }  # fmt: skip


def test_health_values() -> None:
    (rec,) = PROTOCOL.decode(v.HEALTH, CTX)
    assert rec.attributes == {
        "heartRate": 60, "pressureSystolic": 130, "pressureDiastolic": 85, "bloodOxygen": 95,
        "bloodSugar": 90, "temperature": 36.5,
    }  # fmt: skip


def test_login_and_command_answers_give_no_record() -> None:
    assert PROTOCOL.decode(v.LOGIN, CTX) == []
    assert PROTOCOL.decode(v.COMMAND_ANSWER, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        v.LOCATION.replace(b"2232.9806N", b"9232.9806N"),  # latitude past 90
        v.LOCATION.replace(b"080524A", b"081324A"),  # month 13
        v.LOCATION.replace(b"323.87", b"423.87"),  # course past a full circle
        b"TRVAP01080524A2232.9806N#",  # cut short
        b"IWAP49,x#",
        b"IWAP02,zh_cn,0#",
    ],
)
def test_bad_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)


def test_a_message_without_its_end_decodes_the_same() -> None:
    """`fleetwire decode` and log lines hand messages on without the `#` the framer keeps."""
    assert PROTOCOL.decode(v.LOCATION[:-1], CTX) == PROTOCOL.decode(v.LOCATION, CTX)
