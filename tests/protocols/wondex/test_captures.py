"""WondeX on 16 real frames (tests/protocols/wondex/captures.py): each decodes to exactly the
values written down for it, passes the record sanity check, is framed whole (text with the line
end it travels with) and inspected, and the frames where Fleetwire and the reference decoder
disagree are exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame[:24].hex()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    frame = capture.frame if capture.frame[:1] == b"\xd0" else capture.frame + b"\r\n"
    assert framer(CAPTURES.protocol).feed(frame) == [frame]
    CAPTURES.protocol.inspect(frame, Session())


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 15
