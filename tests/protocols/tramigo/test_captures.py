"""Tramigo on 18 real frames (tests/protocols/tramigo/captures.py): each decodes to exactly the
values written down for it, passes the record sanity check, is framed whole and inspected, and
the frames where Fleetwire and the reference decoder disagree are exactly the explained ones."""

from __future__ import annotations

import pytest

from tests.protocols.captures import Capture, check_capture, check_framed, whole

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame[:12].hex()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", whole(CAPTURES), ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    check_framed(CAPTURES, capture)


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 18
