"""Xirgo on 15 real device messages (tests/protocols/xirgo/captures.py): each decodes to
exactly the values written down for it, passes the record sanity check, is framed whole and
inspected, and the frames where Fleetwire and the reference decoder disagree are exactly the
explained ones."""

from __future__ import annotations

from tests.protocols.captures import standard_tests

from .captures import CAPTURES

(
    test_capture_decodes_to_its_values,
    test_capture_is_framed_and_inspected,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = standard_tests(CAPTURES, minimum=15)
