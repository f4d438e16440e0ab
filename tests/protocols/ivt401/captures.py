"""Real iVT401 reports, what Fleetwire reads in each, and what a mature decoder reads.

Every report (captures.jsonl) is a device message of traccar/traccar
src/test/java/org/traccar/protocol/Ivt401ProtocolDecoderTest.java (used as data only), in that
file's order, byte for byte (`(...)` is the whole report on the wire). ``expect`` is what
Fleetwire decodes; ``reference`` is that test's verdict. ``DIFFERENCES`` explains every report
where the two disagree, so `python -m tests.protocols.ivt401.captures` prints the count.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return capture.frame[1:4].decode()


CAPTURES = CaptureSet(
    "ivt401", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Ivt401ProtocolDecoderTest", unique_id=None,
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
