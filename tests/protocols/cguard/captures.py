"""Real CGuard messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl) is one of traccar/traccar
src/test/java/org/traccar/protocol/CguardProtocolDecoderTest.java (commit 014cf82a, used as
data only), in that file's order, as the test quotes it: without the line end its frame
decoder strips (test_captures.py frames each with CR LF). ``expect`` is what Fleetwire decodes,
``reference`` that test's verdict; ``DIFFERENCES`` lists where they disagree (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return capture.frame.split(b":", 1)[0].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "cguard", Path(__file__).parent / "captures.jsonl",
    default_source="traccar CguardProtocolDecoderTest", unique_id="354868050655283",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
