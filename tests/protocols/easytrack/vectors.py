"""Real EasyTrack messages as the device sends them: each capture of captures.py
(traccar/traccar EasyTrackProtocolDecoderTest.java, commit 014cf82a) with its closing '#'."""

from __future__ import annotations

from .captures import CAPTURES

MESSAGES = [c.frame if c.frame.endswith(b"#") else c.frame + b"#" for c in CAPTURES.captures]
ASSERTED = MESSAGES[9]  # the fix the reference test asserts
