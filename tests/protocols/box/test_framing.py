"""BOX framing: real lines whole, glued, byte by byte and behind garbage, cut at CR or LF."""

from __future__ import annotations

from fleetwire.protocols.box import PROTOCOL
from fleetwire.protocols.box.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_real_lines() -> None:
    assert_framing(PROTOCOL, v.LINES)


def test_resync_and_refusals() -> None:
    assert framer(PROTOCOL).feed(b"\x00junk\nE,1\r\nL,0") == [b"E,1\r"]
    assert frame_length(b"E,1") == 0
    assert frame_length(b"E,\x011\n") == -2
