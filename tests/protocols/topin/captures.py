"""Real Topin device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the 12 messages of
traccar/traccar src/test/java/org/traccar/protocol/TopinProtocolDecoderTest.java (commit
7dcafe78b0: login, heartbeats, 0x10 GPS, 0x13 status, 0x17 WiFi/cells, 0x30 time request, and
the 0x08 frames with a fix from Shenzhen and Paris units; used as data only), in that file's
order. ``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``DIFFERENCES`` lists every frame where the two disagree, with the reason (none today).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return f"0x{capture.frame[3]:02x}"


CAPTURES = CaptureSet(
    "topin", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TopinProtocolDecoderTest", unique_id="359339075416963",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
