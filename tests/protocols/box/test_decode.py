"""BOX decoding: the GPS log line's fields and extras exactly, alarms by event code, lines
without a fix, refusals of broken fields, the header token and the Device."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.box import PROTOCOL, Device
from fleetwire.protocols.box.device import security_token
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext("358281002435893", NOW)


def test_log_line_fields() -> None:
    [r] = decode_sane(PROTOCOL, v.LINES[3], CTX)
    assert r.fix_time == datetime(2019, 4, 16, 9, 9, 26, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.speed, r.course) == (21.46701, 39.18655, 0.0, 280.0)
    assert r.attributes == {
        "tripOdometer": 86620, "event": 7, "status": 20, "acceleration": 0.0,
        "deceleration": 0.0, "temp1": 34.2, "input": 0,
    }  # fmt: skip


def test_alarm_events() -> None:
    [r] = decode_sane(PROTOCOL, b"L,150728155833,G,24.68311,-46.6,11,140,0,5,23;I,1", CTX)
    assert (r.kind, r.attributes["alarm"], r.attributes["input"]) == (RecordKind.EVENT, "sos", 1)
    [r] = decode_sane(PROTOCOL, b"L,150728155833,G,24.68311,46.6,95,140,0,22,23", CTX)
    assert r.attributes["alarm"] == "overspeed"


def test_lines_without_a_fix() -> None:
    for frame in (v.HEADER, b"L,080528112501,AI1,145.56", b"E,1", b"X,1"):
        assert decode_sane(PROTOCOL, frame, CTX) == []


@pytest.mark.parametrize(
    "bad",
    [b"L,151328155833,G,24.6,46.6,0,1,0,1,2", b"L,150728155833,G,94.6,46.6,0,1,0,1,2",
     b"L,150728155833,G,24.6,46.6,0,1", b"L,150728155833,G,24.6,46.6,0,1,0,x,2",
     b"L,150728155833,G,24.6,46.6,0,1,0,1,2;T0,nan", b"l,1"],
)  # fmt: skip
def test_broken_fields_are_the_devices_error(bad: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(bad, CTX)


def test_security_token_as_the_document_computes_it() -> None:
    # document, Header Command: serial 358281000146500, 2008-04-01 15:32:09 -> 9F84265E
    assert security_token("358281000146500", "080401153209") == "9F84265E"


def test_device_round_trip() -> None:
    dev = Device("358281002435893")
    frame, ack = dev.login()
    assert ack == b""
    up = PROTOCOL.inspect(framer(PROTOCOL).feed(frame)[0], Session())
    assert up.unique_id == "358281002435893"
    frame, ack = dev.heartbeat()
    assert PROTOCOL.inspect(framer(PROTOCOL).feed(frame)[0], Session()).ack == ack
