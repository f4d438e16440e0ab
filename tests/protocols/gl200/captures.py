"""Real @Track device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/Gl200TextProtocolDecoderTest.java (commit 00b15c0dc6: text
reports operators sent in from GL/GV/GB/GT/CV-series trackers) or, the last seven,
Gl200BinaryProtocolDecoderTest.java (commit 014cf82a9e: GB100 HEX reports), used as data only,
in those files' order. Text reports end with the '$' the devices send (Traccar's frame decoder
strips it, so some of its strings lack it).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.gl200.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if b":" not in frame[:6]:
        return f"binary {frame[:4].decode('ascii', 'replace')}"
    return frame.split(b",")[0].decode("ascii", "replace").split(":")[1]


CAPTURES = CaptureSet(
    "gl200", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Gl200TextProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
