"""Real Tramigo frames, what Fleetwire reads in each, and what a mature decoder reads.

Every line of captures.jsonl is a frame of traccar/traccar
src/test/java/org/traccar/protocol/TramigoProtocolDecoderTest.java (T22/T23 units' frames
operators sent in, English and French report texts; used as data only), in that file's order.
``expect`` is what Fleetwire decodes; ``reference`` that test's verdict. ``DIFFERENCES``
explains every frame where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    """`0x80` (text report) or `0x04` (binary report)."""
    return f"0x{capture.frame[0]:02x}"


CAPTURES = CaptureSet(
    "tramigo", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TramigoProtocolDecoderTest", unique_id="93877507",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
