"""TK103 on 86 real device messages (tests/protocols/tk103/captures.py): each decodes to exactly
the values written down for it, passes the record sanity check, is framed whole and inspected
without a refusal, and the frames where Fleetwire and the reference decoder disagree are exactly
the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols.base import Session
from tests.protocols.contract import NOW, decode_sane, framer

from .captures import CAPTURES, CTX, DIFFERENCES, PROTOCOL, C, decode, disagreements

_FIELDS = ("kind", "time", "lat", "lon", "altitude", "satellites")


def _fields(rec: Record) -> dict[str, object]:
    out: dict[str, object] = {"kind": rec.kind.value}
    if rec.fix_time != NOW:
        out["time"] = rec.fix_time.strftime("%Y-%m-%d %H:%M:%S")
    if rec.has_position:
        out["lat"], out["lon"] = rec.latitude, rec.longitude
    if rec.altitude is not None:
        out["altitude"] = rec.altitude
    if rec.satellites is not None:
        out["satellites"] = rec.satellites
    return out


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.frame[1:24].decode())
def test_capture_decodes_to_its_values(capture: C) -> None:
    result = decode(capture)
    expect = capture.expect
    if "error" in expect:
        assert isinstance(result, DeviceError), result
        assert result.reason == expect["error"]
        return
    assert not isinstance(result, DeviceError), result
    if not expect:
        assert result == []
        return
    assert len(result) == 1
    rec = result[0]
    decode_sane(PROTOCOL, capture.frame, CTX)
    got = _fields(rec)
    for key, want in expect.items():
        value = got.get(key) if key in _FIELDS else rec.attributes.get(key, "<missing>")
        if isinstance(want, float):
            assert value == pytest.approx(want, abs=1e-5), key
        else:
            assert value == want, key
    assert set(got) <= set(expect), f"unexpected fields {set(got) - set(expect)}"


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.frame[1:24].decode())
def test_capture_is_framed_and_kept(capture: C) -> None:
    """Each frame leaves the framer whole; inspect never refuses it (TK103 has no checksum)."""
    frame = capture.frame
    assert framer(PROTOCOL).feed(frame) == [frame]
    PROTOCOL.inspect(frame, Session())


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES) - len(DIFFERENCES) >= 79
