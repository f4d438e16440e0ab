"""MiniFinder text on the real device messages of tests/protocols/minifinder/captures.py: each
decodes to exactly the values written down for it, passes the record sanity check, leaves the
framer whole, and the messages where Fleetwire and the reference decoder disagree are exactly
the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import FrameKind, Session
from tests.protocols.captures import Capture, check_capture, check_framed

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame[:24].decode()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture, exhaustive=True)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_is_framed_and_inspected(capture: Capture) -> None:
    """Every message leaves the framer whole; a login names its IMEI; nothing is answered (the
    protocol has no acknowledgements)."""
    check_framed(CAPTURES, capture)
    text = capture.frame.decode()
    up = CAPTURES.protocol.inspect(capture.frame, Session())
    assert up.ack == b""
    if text.startswith("!1,"):
        assert up.kind == FrameKind.LOGIN and up.unique_id == text.split(",")[1].rstrip(";")


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 21
