"""UPRO on 23 real messages (tests/protocols/upro/captures.py): each decodes to exactly the
values written down for it and passes the record sanity check; each, with its closing `#`, is
framed whole and inspected without a refusal; none disagrees with the reference decoder."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture, whole
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame[1:24].decode("ascii", "replace")


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", whole(CAPTURES), ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    frame = capture.frame if capture.frame.endswith(b"#") else capture.frame + b"#"
    assert framer(CAPTURES.protocol).feed(frame) == [frame]
    assert CAPTURES.protocol.inspect(frame, Session()).unique_id


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 23
