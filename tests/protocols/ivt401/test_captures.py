"""iVT401 on the real messages of tests/protocols/ivt401/captures.py: each decodes to exactly
the values written down for it, passes the record sanity check, is framed whole and inspected,
and the messages where Fleetwire and the reference decoder disagree are exactly the explained
ones (tests.protocols.captures.capture_tests)."""

from __future__ import annotations

from tests.protocols.captures import capture_tests

from .captures import CAPTURES

(
    test_capture_decodes_to_its_values,
    test_capture_is_framed_and_kept,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = capture_tests(CAPTURES, 15)
