"""CGuard framing: real lines whole, glued, byte by byte and behind garbage, cut at CR or LF."""

from __future__ import annotations

from fleetwire.protocols.cguard import PROTOCOL
from fleetwire.protocols.cguard.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_real_lines() -> None:
    assert_framing(PROTOCOL, v.LINES)


def test_resync_and_refusals() -> None:
    assert framer(PROTOCOL).feed(b"\x00\xffjunk\nPING\r\nNV:1") == [b"PING\r"]
    assert frame_length(b"PING") == 0  # no line end yet
    assert frame_length(b"PI\x01NG\n") == -2  # a control byte: garbage before it
    assert frame_length(b"ping\n") == -5  # no message opens in lower case
