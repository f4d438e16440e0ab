"""V680 decoding: the two fixes the reference asserts, both coordinate forms, several fixes in
one report, the SOS alarm, a report before the first fix, broken fields, the Device."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.v680 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext("867967020910610", NOW)


def test_the_asserted_fixes() -> None:
    [r] = decode_sane(PROTOCOL, v.ASSERTED, CTX)  # decimal degrees
    assert (r.fix_time, r.valid) == (datetime(2016, 11, 11, 19, 33, 33, tzinfo=UTC), True)
    assert (r.latitude, r.longitude) == (22.665795, 114.036291)
    assert r.speed == pytest.approx(111 * 1.852)
    [r] = decode_sane(PROTOCOL, v.ASSERTED_INVALID, CTX)  # degrees and minutes, 'V'
    assert (r.fix_time, r.valid) == (datetime(2013, 4, 9, 13, 49, 38, tzinfo=UTC), False)
    assert (r.latitude, r.longitude) == (pytest.approx(-22.86973), pytest.approx(-47.038375))
    assert r.attributes == {"cells": "72403"}


def test_four_fixes_and_an_alarm() -> None:
    records = decode_sane(PROTOCOL, v.FOUR_FIXES, CTX)
    assert [r.fix_time.second for r in records] == [36, 46, 56, 6]
    assert all(not r.valid for r in records)
    [r] = decode_sane(PROTOCOL, v.REPORTS[3], CTX)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "sos")


def test_no_fix_yet() -> None:
    frame = b"#353588550032869##1#0000#AUT#01#7240#00000.0000,E,0000.0000,N,0.00,#000000#0##"
    assert decode_sane(PROTOCOL, frame, CTX) == []


@pytest.mark.parametrize(
    "bad",
    [b"#1##1#0#AUT#1##11407.4182,E,2232.7632,N,0,0#070709##",
     b"#1##1#0#AUT#1##11407.4182,E,2232.7632,N,0,0#320709#134147##",
     b"#1##1#0#AUT#1##11407.4182,E,9932.7632,N,0,0#070709#134147##",
     b"#1##1#0#AUT#1##1.4,E,22.7,N,0,0,9#070709#134147##"],
)  # fmt: skip
def test_broken_fields_are_the_devices_error(bad: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(bad, CTX)


def test_device_round_trip() -> None:
    dev = Device("867967020910610")
    frame, ack = dev.login()
    assert ack == b"" and framer(PROTOCOL).feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, Session()).unique_id == "867967020910610"
