"""TAIP on 30 real sentences (tests/protocols/taip/captures.py): each decodes to exactly the
values written down for it, passes the record sanity check, is framed whole and inspected
without a refusal, and the frames where Fleetwire and the reference decoder disagree are
exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture, whole
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame.strip(b"\r\n")[1:24].decode()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", whole(CAPTURES), ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    """Framed out of a stream (the line ends around a capture stay between sentences; a
    sentence ended by a line end keeps that byte) and inspected."""
    sentence = capture.frame.strip(b"\r\n")
    assert framer(CAPTURES.protocol).feed(capture.frame + b"\r\n") == [sentence]
    assert sentence.endswith(b"<")
    CAPTURES.protocol.inspect(sentence, Session())


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 25
