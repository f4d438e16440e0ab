"""Real Fifotrack device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/FifotrackProtocolDecoderTest.java (commit 1f5da68e07; A00/A01
reports and a D05 photo notice operators sent in; used as data only), in that file's order, with
the CR LF the devices end a frame with; its generated photo pieces (random bytes) and its 1 KiB
D06 piece are left out.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.fifotrack.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    2: "declared length 123 for 124 bytes and the XOR check 45 computed, 77 in the frame: an "
    "edited capture (its work number B996), refused as corrupt; the reference checks neither",
}


def message_type(capture: Capture) -> str:
    return capture.frame.split(b",")[3].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "fifotrack", Path(__file__).parent / "captures.jsonl",
    default_source="traccar FifotrackProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
