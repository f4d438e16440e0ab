"""Real BOX messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl) is one of traccar/traccar
src/test/java/org/traccar/protocol/BoxProtocolDecoderTest.java (commit 3415ad7a, used as data
only; its first and sixth lines are the vendor document's example session), in that file's
order, as the test quotes it: without the line end its frame decoder strips (test_captures.py
frames each with CR LF). ``expect`` is what Fleetwire decodes, ``reference`` that test's
verdict; ``DIFFERENCES`` lists where they disagree (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return capture.frame.split(b",", 1)[0].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "box", Path(__file__).parent / "captures.jsonl",
    default_source="traccar BoxProtocolDecoderTest", unique_id="358281002435893",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
