"""Real EasyTrack messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl) is one of traccar/traccar
src/test/java/org/traccar/protocol/EasyTrackProtocolDecoderTest.java (commit 014cf82a, used as
data only), in that file's order, as the test quotes it: most without the '#' its frame
decoder strips (test_captures.py frames each with it). ``expect`` is what Fleetwire decodes,
``reference`` that test's verdict; ``DIFFERENCES`` lists where they disagree (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    parts = capture.frame.split(b",")
    return parts[2].decode("ascii", "replace") if len(parts) > 2 else "?"


CAPTURES = CaptureSet(
    "easytrack", Path(__file__).parent / "captures.jsonl",
    default_source="traccar EasyTrackProtocolDecoderTest", unique_id=None,
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
