"""Real Ulbotech device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/UlbotechProtocolDecoderTest.java (commit 014cf82a9e: T300,
T361, T381 and other OBD and vehicle units' binary data frames and `*TS01` text frames; used as
data only), in that file's order. That test holds binary frames as its frame decoder hands them
on, with the F7/F8 escapes resolved; two of them contain such a byte and are written here as the
device sends them (their ``source`` says which).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.ulbotech.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    19: (
        "a frame cut after the first block's speed and course: no CRC and no closing F8, so no "
        "framer delivers it and nothing proves it sound; the reference reads the part it has"
    ),
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:1] == b"*":
        return "text"
    return f"binary type {frame[2]}" if len(frame) > 2 else "binary"


CAPTURES = CaptureSet(
    "ulbotech", Path(__file__).parent / "captures.jsonl",
    default_source="traccar UlbotechProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
