"""Real BOX messages as the device sends them: each capture of captures.py (traccar/traccar
BoxProtocolDecoderTest.java, commit 3415ad7a) with the line end its frame decoder strips."""

from __future__ import annotations

from .captures import CAPTURES

HEADER = b"H,BT,358281002435893,081028142432,F5813D19,6D6E6DC2\r"
LINES = [c.frame + b"\r" for c in CAPTURES.captures]
