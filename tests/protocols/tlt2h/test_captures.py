"""TLT-2H on 18 real messages (tests/protocols/tlt2h/captures.py): each decodes to exactly the
values written down for it and passes the record sanity check; each, closed by its `##`, is
framed whole and inspected without a refusal; the disagreements with the reference decoder are
exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture, whole
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame.strip()[1:16].decode()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


_SOUND = [c for c in whole(CAPTURES) if "error" not in c.expect]


@pytest.mark.parametrize("capture", _SOUND, ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    """The reference's texts lack the `##` the device sends last: framed with it."""
    text = capture.frame.strip(b"\r\n")
    frame = text if text.endswith(b"##") else text + b"\r\n##"
    assert framer(CAPTURES.protocol).feed(frame) == [frame]
    assert CAPTURES.protocol.inspect(frame, Session()).unique_id


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 18
