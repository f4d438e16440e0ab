"""ARNAVI on 13 real device messages, text and binary (tests/protocols/arnavi/captures.py): each
decodes to exactly the values written down for it, passes the record sanity check, is framed
whole and inspected without a refusal, and every one reads as the reference decoder reads it."""

from __future__ import annotations

from tests.protocols.captures import standard_tests

from .captures import CAPTURES

(
    test_capture_decodes_to_its_values,
    test_capture_is_framed_and_inspected,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = standard_tests(CAPTURES, minimum=13)
