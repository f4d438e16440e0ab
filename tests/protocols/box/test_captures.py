"""BOX on 19 real messages (tests/protocols/box/captures.py): each decodes to exactly the
values written down for it and passes the sanity check, is framed whole once it has its line
end, and reads as the reference decoder reads it."""

from __future__ import annotations

import pytest

from tests.protocols.captures import Capture, check_capture, check_line_framed

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame[:24].decode()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_with_its_line_end_is_framed_and_kept(capture: Capture) -> None:
    check_line_framed(CAPTURES, capture)


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 19
