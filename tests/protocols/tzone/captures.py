"""Real TZONE device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/TzoneProtocolDecoderTest.java (commit 014cf82a9e: AVL
reports of TZ-AVL05/08/10 and TZ-VT units, with and without fix, RFID and sensor blocks,
operators sent in; used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.tzone.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    9: "no fix (GPS block all zeros, no time): a status record here, no (0, 0) position",
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    return f"{frame[6:8].hex()}"  # the command word after the "$$" header


CAPTURES = CaptureSet(
    "tzone", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TzoneProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
