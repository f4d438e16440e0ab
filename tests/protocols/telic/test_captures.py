"""Telic on 33 real messages (tests/protocols/telic/captures.py): each decodes to exactly the
values written down for it and passes the record sanity check; each, with its NUL, is framed
whole and inspected without a refusal; none disagrees with the reference decoder."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture, whole
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.hex[:24]


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", whole(CAPTURES), ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    """The decoder test's texts lack the NUL the device sends after each message: framed
    with it."""
    frame = capture.frame if capture.frame.endswith(b"\x00") else capture.frame + b"\x00"
    assert framer(CAPTURES.protocol).feed(frame) == [frame]
    assert CAPTURES.protocol.inspect(frame, Session()).unique_id


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 33
