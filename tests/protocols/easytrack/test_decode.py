"""EasyTrack decoding: the asserted fix exactly, hex signs, speed and course, the cell report,
types without a record, refusals of broken fields, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.easytrack import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext("135790246811221", NOW)


def test_the_asserted_fix() -> None:
    [r] = decode_sane(PROTOCOL, v.ASSERTED, CTX)
    # Traccar's test: 2010-09-13 16:28:13, valid, 22.62689, 114.03021
    assert (r.fix_time, r.valid) == (datetime(2010, 9, 13, 16, 28, 13, tzinfo=UTC), True)
    assert (r.latitude, r.longitude) == (pytest.approx(22.62689, abs=1e-5),
                                         pytest.approx(114.03021, abs=1e-5))  # fmt: skip
    assert r.attributes == {"status": 0}


def test_signs_speed_course() -> None:
    [r] = decode_sane(PROTOCOL, v.MESSAGES[15], CTX)  # 8038ee2f south, speed 0x0114
    assert (r.latitude < 0, r.speed, r.course) == (True, 27.6, 0.0)
    frame = b"*ET,1,DW,V,0A090D,101C0D,00CF27C6,8413FA4E,0010,6b08,00000001#"
    [r] = decode_sane(PROTOCOL, frame, CTX)
    assert (r.valid, r.longitude < 0, r.speed, r.course) == (False, True, 1.6, 274.0)


def test_cells_and_other_types() -> None:
    [r] = decode_sane(PROTOCOL, v.MESSAGES[0], CTX)
    assert r.attributes == {"mcc": 724, "mnc": 4, "lac": 20222, "cid": 262}
    for i in (1, 2, 8, 10):
        assert decode_sane(PROTOCOL, v.MESSAGES[i], CTX) == []


@pytest.mark.parametrize(
    "bad",
    [b"*ET,1,DW,A,0A0D0D,101C0D,00CF27C6,0413FA4E,0,0,0#", b"*ET,1,DW,A,0A090D#",
     b"*ET,1,DW,A,0A090D,101C0D,7FCF27C6,0413FA4E,0,0,0#", b"*ET,1,DW,A,0A09,1,0,0,0,0,0#",
     b"*ET,1,JZ,0,x,1,2,3#"],
)  # fmt: skip
def test_broken_fields_are_the_devices_error(bad: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(bad, CTX)


def test_device_round_trip() -> None:
    dev = Device("135790246811221")
    frame, ack = dev.login()
    assert ack == b"" and framer(PROTOCOL).feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, Session()).unique_id == "135790246811221"
