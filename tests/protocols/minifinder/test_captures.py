"""MiniFinder text on the real device messages of tests/protocols/minifinder/captures.py: each
decodes to exactly the values written down for it, passes the record sanity check, leaves the
framer whole, and the messages where Fleetwire and the reference decoder disagree are exactly
the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols.base import FrameKind, Session
from tests.protocols.contract import NOW, decode_sane, framer

from .captures import CAPTURES, CTX, DIFFERENCES, PROTOCOL, C, decode, disagreements

_FIELDS = ("kind", "time", "lat", "lon", "valid", "speed", "course", "altitude", "satellites")


def _fields(rec: Record) -> dict[str, object]:
    out: dict[str, object] = {"kind": rec.kind.value}
    if rec.fix_time != NOW:
        out["time"] = rec.fix_time.strftime("%Y-%m-%d %H:%M:%S")
    if rec.has_position:
        out.update(lat=rec.latitude, lon=rec.longitude, valid=rec.valid, speed=rec.speed)
    for key in ("course", "altitude", "satellites"):
        if getattr(rec, key) is not None:
            out[key] = getattr(rec, key)
    return out


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.text[:24])
def test_capture_decodes_to_its_values(capture: C) -> None:
    result = decode(capture)
    assert not isinstance(result, DeviceError), result
    if not capture.expect:
        assert result == []
        return
    assert len(result) == 1
    rec = result[0]
    decode_sane(PROTOCOL, capture.frame, CTX)
    got = _fields(rec)
    for key, want in capture.expect.items():
        value = got.get(key) if key in _FIELDS else rec.attributes.get(key, "<missing>")
        if isinstance(want, float):
            assert value == pytest.approx(want, abs=1e-6), key
        else:
            assert value == want, key
    assert set(got) <= set(capture.expect), f"unexpected fields {set(got) - set(capture.expect)}"
    assert set(rec.attributes) <= set(capture.expect)


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.text[:24])
def test_capture_is_framed_and_inspected(capture: C) -> None:
    """Every message leaves the framer whole; a login names its IMEI; nothing is answered (the
    protocol has no acknowledgements)."""
    frame = capture.frame
    assert framer(PROTOCOL).feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, Session())
    assert up.ack == b""
    if capture.text.startswith("!1,"):
        assert up.kind == FrameKind.LOGIN and up.unique_id == capture.text.split(",")[1].rstrip(";")


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES) == 21
