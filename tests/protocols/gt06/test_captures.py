"""GT06 on 192 real device messages (tests/protocols/gt06/captures.py): each decodes to exactly
the values written down for it, passes the record sanity check, every whole frame with a sound
CRC leaves the framer whole and inspect never fails on it, and the frames where Fleetwire and the
reference decoder disagree are exactly the explained ones."""

from __future__ import annotations

from tests.protocols.captures import standard_tests

from .captures import CAPTURES

(
    test_capture_decodes_to_its_values,
    test_capture_is_framed_and_inspected,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = standard_tests(CAPTURES, minimum=179, ids=lambda c: c.hex[:12])
