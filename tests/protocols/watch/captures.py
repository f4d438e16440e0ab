"""Real watch-protocol messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/WatchProtocolDecoderTest.java (commit 000e611ba7: messages
operators sent in over the years from 3G/SG/ZJ/CS-prefixed watches; used as data only), in that
file's order, without its two media messages (a JXTK voice upload in six binary parts, and an AMR
voice clip the reference hands to its media store).

``expect`` is what Fleetwire decodes (kind, fix time, position, altitude and the readings the
message exists to carry); ``reference`` is that test's own verdict.
``python -m tests.protocols.watch.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_NO_FIX = (
    "no fix (V) and zero coordinates: a status record with the time, battery, cells and WiFi "
    "here, no position at (0, 0); the reference makes (0, 0) a position"
)
DIFFERENCES: dict[int, str] = dict.fromkeys((5, 6, 7, 35, 36, 37, 38), _NO_FIX)


def message_type(capture: Capture) -> str:
    content = capture.frame.split(b"*")[-1]
    return content.split(b",")[0].rstrip(b"]").decode("ascii", "replace")


CAPTURES = CaptureSet(
    "watch", Path(__file__).parent / "captures.jsonl",
    default_source="traccar WatchProtocolDecoderTest", unique_id="9031853319",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
