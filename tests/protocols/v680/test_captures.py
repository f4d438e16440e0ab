"""V680 on 20 real messages (tests/protocols/v680/captures.py): each decodes to exactly the
values written down for it and passes the sanity check, every whole report is framed whole
once it has its closing `##`, and each reads as the reference decoder reads it."""

from __future__ import annotations

import pytest

from tests.protocols.captures import Capture, check_capture, check_line_framed

from .captures import CAPTURES, DIFFERENCES
from .vectors import WHOLE


def _id(c: Capture) -> str:
    return c.frame[:24].decode()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", WHOLE, ids=_id)
def test_report_with_its_end_is_framed_and_kept(capture: Capture) -> None:
    check_line_framed(CAPTURES, capture, b"" if capture.frame.endswith(b"##") else b"##")


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 20
