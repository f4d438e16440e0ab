"""Real IntelliTrac device messages, what Fleetwire reads in each, and what a mature decoder
reads.

Every line (captures.jsonl, one JSON object a line) is a real capture: the 17 messages of
traccar/traccar src/test/java/org/traccar/protocol/IntellitracProtocolDecoderTest.java (commit
2099230503; used as data only), in that file's order, each with the CR LF that ends it on the
wire (the reference test feeds its decoder lines its framer already cut). ``expect`` is what
Fleetwire decodes; ``reference`` is that test's own verdict. ``DIFFERENCES`` lists every frame
where the two disagree, with the reason (none today).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    text = capture.frame.decode("ascii", "replace")
    return text[:4] if text.startswith("$") else "report"


CAPTURES = CaptureSet(
    "intellitrac", Path(__file__).parent / "captures.jsonl",
    default_source="traccar IntellitracProtocolDecoderTest", unique_id="1010000002",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
