"""Real MiniFinder text messages used as test data: those of captures.jsonl (source:
traccar/traccar src/test/java/org/traccar/protocol/MiniFinderProtocolDecoderTest.java, used as
data only), with the `;` that ends each on the wire."""

from __future__ import annotations

from .captures import CAPTURES

LOGIN = b"!1,867273023933661,V07S.5701.1621,100;"  # first message of that file
POSITION = b"!D,22/2/14,13:40:58,56.899601,14.811541,0,0,1,176.0,98,5,16,0;"
VALID: list[bytes] = [c.frame for c in CAPTURES.captures]
