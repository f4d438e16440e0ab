"""Real T880x device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/T800xProtocolDecoderTest.java (commit 014cf82a9e: logins,
heartbeats, locations, alarms, BLE and network reports and a command answer from ##, %%, &&
and '' family units; used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.t800x.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    9: (
        "two whole 73-byte location frames in one buffer (the test glued them): a stream's "
        "framer hands over each, and each decodes to its position, but the pair is no frame"
    ),
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    return f"{frame[:2].decode('latin-1')} 0x{frame[2]:02x}"


CAPTURES = CaptureSet(
    "t800x", Path(__file__).parent / "captures.jsonl",
    default_source="traccar T800xProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
