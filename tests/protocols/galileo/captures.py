"""Real Galileosky device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/GalileoProtocolDecoderTest.java (commit 54d7f988b4; main
packets with and without the head tags, command replies, a head-only packet and the first part
of a camera picture; used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.galileo.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return f"header {capture.frame[0]:02x}"


CAPTURES = CaptureSet(
    "galileo", Path(__file__).parent / "captures.jsonl",
    default_source="traccar GalileoProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
