"""MiniFinder text decoding beyond the captures: bad fields are the device's error, unknown
types give no record, and binary frames stored under this name before the rename (the raw log
keeps the protocol name per frame) decode exactly as minifinder2 decodes them."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.minifinder import PROTOCOL
from fleetwire.protocols.minifinder2 import PROTOCOL as BINARY
from tests.protocols.contract import NOW
from tests.protocols.minifinder2 import vectors as binary

CTX = DecodeContext(unique_id="867273023933661", received=NOW)


@pytest.mark.parametrize(
    "frame",
    [
        b"!D,22/2/14,13:40:58,56.899601;",  # truncated
        b"!D,31/2/14,13:40:58,56.899601,14.811541,0,0,1,176.0,98,5,16,0;",  # no 31 February
        b"!D,22/2/14,13:40:58,96.899601,14.811541,0,0,1,176.0,98,5,16,0;",  # latitude > 90
        b"!D,22/2/14,13:40:58,56.899601,14.811541,0,0,xyz,176.0,98,5,16,0;",  # flags not hex
        b"!5;",
    ],
)
def test_bad_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)


def test_unknown_type_gives_no_record() -> None:
    assert PROTOCOL.decode(b"!B,1,2,3;", CTX) == []


@pytest.mark.parametrize("frame", [binary.GPS_SWEDEN, binary.GPS_SHENZHEN, binary.HEARTBEAT])
def test_old_binary_frames_decode_as_minifinder2(frame: bytes) -> None:
    records = PROTOCOL.decode(frame, CTX)
    assert records == BINARY.decode(frame, CTX)
    assert bool(records and records[0].has_position) == (frame is not binary.HEARTBEAT)


def test_old_binary_alarm_keeps_its_alarm() -> None:
    records = PROTOCOL.decode(binary.ALARM_SOS, CTX)
    assert records == BINARY.decode(binary.ALARM_SOS, CTX)
    assert records[0].attributes["alarm"] == "sos"
