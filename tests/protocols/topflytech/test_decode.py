"""Topflytech decoding: the text position message with exact values, other text types, the
binary frames through the shared T880x decoders, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import t800x
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.topflytech import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="880316890094910", received=NOW)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:6].hex())
def test_every_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_text_position() -> None:
    (r,) = decode_sane(PROTOCOL, v.TEXT, CTX)
    assert (r.kind, r.valid) == (RecordKind.POSITION, True)
    assert r.fix_time == datetime(2013, 5, 31, 15, 22, 5, tzinfo=UTC)
    assert r.latitude == pytest.approx(-(7 + 6.1395 / 60), abs=1e-6)  # 07 06.1395 S
    assert r.longitude == pytest.approx(110 + 24.0965 / 60, abs=1e-6)  # 110 24.0965 E
    assert (r.speed, r.course) == (0.0, 251.25)
    assert r.attributes == {
        "type": "BP00",
        "raw": "XG00b600000000L00074b54S00000000R0C0F0014000100f0",
    }


def test_other_text_types_decode_to_nothing() -> None:
    assert PROTOCOL.decode(v.TEXT_OTHER, CTX) == []


def test_bad_text_fields() -> None:
    bad_date = v.TEXT.replace(b"130531152205", b"131331152205")
    with pytest.raises(InvalidField):
        PROTOCOL.decode(bad_date, CTX)
    bad_lat = v.TEXT.replace(b"0706.1395S", b"9906.1395S")
    with pytest.raises(InvalidField):
        PROTOCOL.decode(bad_lat, CTX)


def test_binary_frames_decode_as_t800x() -> None:
    for frame in (v.BINARY_LOGIN, v.BINARY_LOCATION, v.BINARY_ALARM):
        assert PROTOCOL.decode(frame, CTX) == t800x.PROTOCOL.decode(frame, CTX)
    assert decode_sane(PROTOCOL, v.BINARY_ALARM, CTX)[0].attributes["alarm"] == "powerCut"


def test_device_round_trip() -> None:
    dev = Device("880316890094910")
    assert dev.login() == (b"", b"") == dev.heartbeat()
    fixes = [
        Record(fix_time=datetime(2026, 11, 26, 11, 59, 30, tzinfo=UTC), valid=True,
               latitude=-33.86882, longitude=151.209296, speed=87.5, course=359.25),
        Record(fix_time=datetime(2026, 11, 26, 11, 59, 40, tzinfo=UTC), valid=False,
               latitude=40.5, longitude=-74.25, speed=0.0, course=0.0),
    ]  # fmt: skip
    stream, expected = dev.report(fixes)
    assert expected == b""
    frames = framer(PROTOCOL).feed(stream)
    assert len(frames) == 2
    for want, frame in zip(fixes, frames, strict=True):
        up = PROTOCOL.inspect(frame, Session())
        assert (up.unique_id, up.ack) == ("880316890094910", b"")
        (r,) = decode_sane(PROTOCOL, frame, CTX)
        assert (r.fix_time, r.valid, r.speed, r.course) == (
            want.fix_time, want.valid, want.speed, want.course,
        )  # fmt: skip
        assert (r.latitude, r.longitude) == pytest.approx((want.latitude, want.longitude), abs=1e-5)
    with pytest.raises(ValueError, match="15 digits"):
        Device("123")
