"""Real iVT401 reports used as test data (traccar Ivt401ProtocolDecoderTest, used as data
only)."""

from __future__ import annotations

from .captures import CAPTURES

VALID: list[bytes] = [c.frame for c in CAPTURES.captures]
NORMAL = VALID[1]  # (TLN,862107032006249,230218,180500,+18.479728,+73.896339,30,0,944,...)
NO_CLOCK = VALID[4]  # (TLB,356917050440515,0,0,+0.0,+0.0,...)
