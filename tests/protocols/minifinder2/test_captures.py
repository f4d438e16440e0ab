"""minifinder2 on the real device messages of tests/protocols/minifinder2/captures.py: each
decodes to the values written down for it, passes the record sanity check, leaves the framer
whole, and the frames where Fleetwire and the reference decoder disagree are exactly the
explained ones."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from tests.protocols.captures import Capture, check_framed, whole
from tests.protocols.contract import NOW, decode_sane

from .captures import CAPTURES, DIFFERENCES


def _fields(records: list[Record]) -> dict[str, object]:
    out: dict[str, object] = {"records": len(records)}
    if not records:
        return out
    first = records[0]
    out["kind"] = first.kind.value
    if first.fix_time != NOW:
        out["time"] = first.fix_time.strftime("%Y-%m-%d %H:%M:%S")
    fixes = [r for r in records if r.has_position]
    out["positions"] = len(fixes)
    if fixes:
        out["lat"], out["lon"] = fixes[0].latitude, fixes[0].longitude
    for key in ("alarm", "batteryLevel", "result", "sat", "event", "barkCount"):
        if key in first.attributes:
            out[key] = first.attributes[key]
    return out


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=lambda c: c.hex[:16])
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    """The records' count, the first one's kind, time and key attributes, the first fix."""
    result = CAPTURES.decode(capture)
    if "error" in capture.expect:
        assert isinstance(result, DeviceError)
        assert result.reason == capture.expect["error"]
        return
    assert not isinstance(result, DeviceError), result
    decode_sane(CAPTURES.protocol, capture.frame, CAPTURES.context(capture))
    assert _fields(result) == capture.expect


@pytest.mark.parametrize("capture", whole(CAPTURES), ids=lambda c: c.hex[:16])
def test_capture_is_framed_whole(capture: Capture) -> None:
    check_framed(CAPTURES, capture)


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 24
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 20
