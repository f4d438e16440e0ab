"""GoTop decoding beyond the captures: a message field by field, an alarm, the keep-alive, and
bad fields as the device's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.gotop import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id=None, received=NOW)


def test_tracking_field_by_field() -> None:
    (rec,) = decode_sane(PROTOCOL, v.TRACKING, CTX)
    assert rec.valid and rec.fix_time == datetime(2013, 8, 2, 15, 37, 21, tzinfo=UTC)
    assert (rec.latitude, rec.longitude, rec.speed) == (-25.9757433, 28.1087816, 0.0)
    assert rec.attributes == {
        "batteryLevel": 81, "rssi": 26, "mcc": 655, "mnc": 1, "lac": 0xA0, "cid": 0x4B8E,
    }  # fmt: skip


def test_alarm_and_keepalive() -> None:
    (rec,) = PROTOCOL.decode(v.ALARM, CTX)
    assert rec.kind == RecordKind.EVENT and rec.attributes["event"] == "ALM-D1"
    assert PROTOCOL.decode(v.KEEPALIVE, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        v.TRACKING.replace(b"25.9757433S", b"95.9757433S"),
        v.TRACKING.replace(b"25.9757433S", b"25.9757433E"),
        v.TRACKING.replace(b"DATE:130802", b"DATE:131302"),
        v.TRACKING.replace(b"TIME:", b"TEMP:"),
        b"013226009991924,CMD-T,A,DATE:130802#",
    ],
)
def test_bad_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)


def test_a_message_without_its_end_decodes_the_same() -> None:
    """`fleetwire decode` and log lines hand messages on without the `#` the framer keeps."""
    assert PROTOCOL.decode(v.TRACKING[:-1], CTX) == PROTOCOL.decode(v.TRACKING, CTX)
