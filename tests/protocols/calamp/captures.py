"""Real CalAmp LMU device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/CalAmpProtocolDecoderTest.java (commit 014cf82a9e; Event,
Mini Event, User Data and ID Reports of LMU units; used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.calamp.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from fleetwire.protocols.base import Transport
from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    7: "no fix (fix status 0x2C: invalid fix, no fix since power-up; time of fix 0, zero "
    "coordinates): a status record here, no (0, 0) position",
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    # options header: mobile id (and type) lengths set by its flags; then service and type
    pos = 1
    for flag in (0x01, 0x02, 0x04, 0x08, 0x10):
        if frame[0] & flag and pos < len(frame):
            pos += 1 + frame[pos]
    return f"type {frame[pos + 1]}" if pos + 1 < len(frame) else "short"


CAPTURES = CaptureSet(
    "calamp", Path(__file__).parent / "captures.jsonl",
    default_source="traccar CalAmpProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type, transport=Transport.UDP,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
