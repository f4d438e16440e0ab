"""Mobilogix on 18 real messages (tests/protocols/mobilogix/captures.py): each decodes to
exactly the values written down for it, passes the record sanity check, is framed whole with
its `]` and inspected, and the messages where Fleetwire and the reference decoder disagree are
exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame.strip()[1:32].decode()


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    message = capture.frame.strip(b"\r\n") + b"]"
    assert framer(CAPTURES.protocol).feed(capture.frame + b"]") == [message]
    CAPTURES.protocol.inspect(message, Session())


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 17
