"""Real ARNAVI device messages, what Fleetwire reads in each, and what a mature decoder reads.

The frames (captures.jsonl, one JSON object a line) are those of traccar/traccar
src/test/java/org/traccar/protocol/ArnaviTextProtocolDecoderTest.java (commit 660777989b; text
lines, sent with the CR LF the units end them with) and ArnaviBinaryProtocolDecoderTest.java
(commit 014cf82a9e; HEADER and PACKAGE frames), used as data only, in those files' order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.arnavi.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame.startswith(b"$AV,"):
        return frame.split(b",")[1].decode("ascii", "replace")
    return f"0x{frame[0]:02x}"


CAPTURES = CaptureSet(
    "arnavi", Path(__file__).parent / "captures.jsonl",
    default_source="traccar ArnaviTextProtocolDecoderTest / ArnaviBinaryProtocolDecoderTest",
    unique_id="85164", differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
