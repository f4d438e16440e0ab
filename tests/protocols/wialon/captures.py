"""Real Wialon IPS device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/WialonProtocolDecoderTest.java (commit 014cf82a9e: IPS 1.1
and 2.0 logins, short, extended and black-box data messages operators sent in; used as data
only), in that file's order, with the CR LF the device ends a message with (that test quotes
them without it).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.wialon.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

# Frame 0 (an IPS 2.0 login whose CRC CE45 is no CRC-16/ARC of its body: refused as edited)
# gives no record here and in the reference alike, so it is no disagreement.
DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    start = frame.find(b"#")
    return frame[start : frame.find(b"#", start + 1) + 1].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "wialon", Path(__file__).parent / "captures.jsonl",
    default_source="traccar WialonProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
