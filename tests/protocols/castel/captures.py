"""Real Castel device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/CastelProtocolDecoderTest.java (commit 20ba978ec9: SC
protocol versions 3 and 4 logins, logouts, GPS, alarm, PID, DTC, cell, comprehensive and query
answer messages, CC firmware (versions 5 and 12) and MPIP ("$$") frames operators sent in; used
as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.castel.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    26: (
        "two whole 54-byte GPS sleep frames in one buffer (the test glued them): a stream's "
        "framer hands over each, but the pair is no frame"
    ),
    47: (
        "a power-off alarm without a fix: an event record at the device's time here (no (0, 0) "
        "position); the reference has no position to put it on and gives none"
    ),
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:2] == b"$$":
        return f"MPIP 0x{frame[24:26].hex()}"
    return f"v{frame[4]} 0x{frame[25:27].hex()}"


CAPTURES = CaptureSet(
    "castel", Path(__file__).parent / "captures.jsonl",
    default_source="traccar CastelProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
