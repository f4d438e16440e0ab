"""Navis on 16 real frames (tests/protocols/navis/captures.py): each decodes to exactly the
values written down for it, passes the record sanity check, is framed whole and inspected in
its connection's session, and Fleetwire reads every one as the reference decoder does."""

from __future__ import annotations

import pytest

from tests.protocols.captures import Capture, standard_tests
from tests.protocols.contract import framer

from .captures import CAPTURES

(
    test_capture_decodes_to_its_values,
    _framed_without_session,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = standard_tests(CAPTURES, minimum=16, total=16, ids=lambda c: c.hex[:24])


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=lambda c: c.hex[:24])
def test_capture_is_framed_and_inspected_in_its_session(capture: Capture) -> None:
    """A FLEX message is inspected after its connection's *>FLEX, as the gateway sees it."""
    assert framer(CAPTURES.protocol).feed(capture.frame) == [capture.frame]
    CAPTURES.protocol.inspect(capture.frame, CAPTURES.session_before(capture))
