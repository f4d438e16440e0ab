"""Mictrack framing: one line per message, every shape of the stream; control bytes skipped."""

from __future__ import annotations

from fleetwire.protocols.mictrack import PROTOCOL
from tests.protocols.contract import CONTROL_GARBAGE, assert_framing, framer

from . import vectors as v

FRAMES = v.VALID


def test_real_lines_in_every_shape() -> None:
    """Printable garbage in front of a line protocol joins its first line: control bytes only."""
    assert_framing(PROTOCOL, FRAMES, CONTROL_GARBAGE)


def test_control_bytes_are_skipped() -> None:
    assert framer(PROTOCOL).feed(b"\x00\xff\x01" + v.GPS) == [v.GPS]
