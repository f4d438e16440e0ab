"""Real UPRO messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is a real capture: the 23 of
traccar/traccar src/test/java/org/traccar/protocol/UproProtocolDecoderTest.java, in that file's
order, as that test holds them (some without their closing `#`; used as data only). ``expect``
is what Fleetwire decodes; ``reference`` is that test's own verdict.

``DIFFERENCES`` lists every message where the two disagree, with the reason (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    """The message type after the id: BA, AB, AH ..."""
    head = capture.frame.split(b"&", 1)[0].rstrip(b"#")
    return head.split(b",", 1)[1].decode("ascii", "replace") if b"," in head else "?"


CAPTURES = CaptureSet(
    "upro", Path(__file__).parent / "captures.jsonl",
    default_source="traccar UproProtocolDecoderTest", unique_id="867282035455779",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
