"""AIS-140 on the real packets of tests/protocols/its/captures.py: each decodes to exactly the
values written down for it, passes the record sanity check, is framed whole and inspected with
its IMEI, and the packets where Fleetwire and the reference decoder disagree are exactly the
explained ones (tests.protocols.captures.capture_tests)."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, capture_tests

from .captures import CAPTURES

(
    test_capture_decodes_to_its_values,
    test_capture_is_framed_and_kept,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = capture_tests(CAPTURES, 43)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=lambda c: c.frame[:28].decode("latin-1"))
def test_every_capture_names_its_imei(capture: Capture) -> None:
    up = CAPTURES.protocol.inspect(capture.frame, Session())
    assert up.unique_id is not None and len(up.unique_id) == 15
    assert up.unique_id.encode() in capture.frame
    assert up.ack == b""
