"""AIS-140 on the real packets of tests/protocols/its/captures.py: each decodes to exactly the
values written down for it, passes the record sanity check, is framed whole and inspected with
its IMEI, and the packets where Fleetwire and the reference decoder disagree are exactly the
explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture, check_framed, whole

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.frame[:28].decode("latin-1")


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


@pytest.mark.parametrize("capture", whole(CAPTURES), ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    check_framed(CAPTURES, capture)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_every_capture_names_its_imei(capture: Capture) -> None:
    up = CAPTURES.protocol.inspect(capture.frame, Session())
    assert up.unique_id is not None and len(up.unique_id) == 15
    assert up.unique_id.encode() in capture.frame
    assert up.ack == b""


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) == 43
