"""Real CGuard messages as the device sends them: each capture of captures.py (traccar/traccar
CguardProtocolDecoderTest.java, commit 014cf82a) with the line end its frame decoder strips."""

from __future__ import annotations

from .captures import CAPTURES

LOGIN = b"IDRO:354868050655283\r"
LINES = [c.frame + b"\r" for c in CAPTURES.captures]
