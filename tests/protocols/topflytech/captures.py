"""Real Topflytech device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/TopflytechProtocolDecoderTest.java (commit 708a9a5473: the
one text-form position report there; used as data only), ending with the ')' the device sends
(the capture there was cut before it). The binary T880x frames this port also takes are the
t800x package's captures.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.topflytech.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    return frame[16:20].decode("ascii", "replace") if frame[:1] == b"(" else "binary"


CAPTURES = CaptureSet(
    "topflytech", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TopflytechProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
