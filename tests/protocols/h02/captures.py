"""Real H02 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/H02ProtocolDecoderTest.java (commit 23b327aac6; text `*HQ`
and `*TH` reports, cell lists, command answers and binary `$` records from many H02 firmwares;
used as data only), in that file's order (testDecode, then testDecodeStatus).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.h02.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    7: "no fix and no time (every position field empty): a status record (its status word) "
    "here, where the reference drops the message",
    45: "no fix (V, zero coordinates without hemispheres, date 000000): a status record here, "
    "no (0, 0) position",
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:1] == b"$":
        return "binary"
    parts = frame.split(b",")
    return parts[2].decode("ascii", "replace") if len(parts) > 2 else "short"


CAPTURES = CaptureSet(
    "h02", Path(__file__).parent / "captures.jsonl",
    default_source="traccar H02ProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
