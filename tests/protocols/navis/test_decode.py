"""Navis decode: real F52 and F60 NTCB records field by field (Traccar's verdicts for time and
position, the rest read off the bytes), FLEX 2.0 fields Navis adds, and clean refusals."""

from __future__ import annotations

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.navis import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_ntcb
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext("861785005205079", NOW)


def test_f52_single() -> None:
    (r,) = decode_sane(PROTOCOL, v.SINGLE_F52, CTX)
    assert r.kind is RecordKind.POSITION and r.valid
    assert r.fix_time.isoformat() == "2016-11-11T21:00:04+00:00"
    assert r.latitude == pytest.approx(53.74336, abs=1e-5)
    assert r.longitude == pytest.approx(87.14437, abs=1e-5)
    assert (r.speed, r.course, r.satellites) == (0.0, 306.0, 14)
    a = r.attributes
    assert (a["format"], a["index"], a["power"], a["battery"]) == (0x25, 0, 0.018, 3.702)
    assert (a["adc1"], a["odometer"], a["temp1"]) == (230, 286799, -13)
    assert "temp2" not in a  # 0x80: no sensor


def test_f60_single() -> None:
    (r,) = decode_sane(PROTOCOL, v.SINGLE_F60, CTX)
    assert r.fix_time.isoformat() == "2019-01-16T22:22:36+00:00"
    assert r.latitude == pytest.approx(56.31800, abs=1e-5)
    assert r.longitude == pytest.approx(44.01523, abs=1e-5)
    assert (r.altitude, r.satellites, r.course) == (141.1, 10, 55.0)
    a = r.attributes
    assert (a["index"], a["power"], a["temp1"], a["out2"]) == (6058, 27.545, 45, True)
    assert "rpm" not in a and "axleWeight" not in a  # all bits set: no sensor


def test_arrays() -> None:
    (r,) = decode_sane(PROTOCOL, v.ARRAY_F60, CTX)
    assert r.attributes["index"] == 949771 and r.altitude == 93.4
    (r,) = decode_sane(PROTOCOL, v.ARRAY_F52, CTX)
    assert r.attributes["index"] == 501475 and not r.valid


def test_flex20_fields() -> None:
    ctx = DecodeContext("869696049737385", NOW, context=v.FLEX20[26:])
    (r,) = decode_sane(PROTOCOL, v.FLEX20_URGENT, ctx)
    # field 9 (the fix's time), not field 3 (the event's, one second later)
    assert r.fix_time.isoformat() == "2019-01-19T18:26:25+00:00"
    a = r.attributes
    assert (a["hdop"], a["pdop"], a["satVisible"], a["obdSpeed"]) == (0.6, 0.9, 18, 41)
    assert (a["hours"], a["distance"], a["rssi"]) == (271000, 214, 21)


def test_refusals() -> None:
    unknown = build_ntcb(1, 0, b"*>T\x00\x01\x02" + bytes(60))
    with pytest.raises(InvalidField):
        PROTOCOL.decode(unknown, CTX)
    body = v.SINGLE_F52[16:]
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build_ntcb(1, 0, body[:-1]), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build_ntcb(1, 0, body + b"\x00"), CTX)
    with pytest.raises(InvalidField):  # FLEX without its connection's *>FLEX
        PROTOCOL.decode(v.FLEX20_URGENT, CTX)
