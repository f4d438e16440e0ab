"""Real V680 reports as the device sends them: each whole report of captures.py
(traccar/traccar V680ProtocolDecoderTest.java, commit 64114460) ended by its `##`."""

from __future__ import annotations

from .captures import CAPTURES

WHOLE = [c for c in CAPTURES.captures if c.frame.startswith(b"#") and b"," in c.frame]
REPORTS = [c.frame if c.frame.endswith(b"##") else c.frame + b"##" for c in WHOLE]
ASSERTED = REPORTS[0]  # 2016-11-11 19:33:33, 22.66579, 114.03629, valid
ASSERTED_INVALID = REPORTS[4]  # 2013-04-09 13:49:38, -22.86973, -47.038375, invalid
FOUR_FIXES = REPORTS[14]
