"""Real Navtelecom device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/NavtelecomProtocolDecoderTest.java (commit 21d4e59325: a
Signal/Smart unit's NTCB login, *>FLEX negotiations, a command answer and a FLEX ~A array of
four records; used as data only), in that file's order. The ~A array is laid out by the *>FLEX
bitfield its connection negotiated: its ``after`` holds the login and *>FLEX frames the device
sent before it, as that test's decoder had seen them.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.navtelecom.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:1] == b"~":
        return f"FLEX ~{chr(frame[1])}"
    return f"NTCB {frame[16:20].decode('ascii', 'replace')}"


CAPTURES = CaptureSet(
    "navtelecom", Path(__file__).parent / "captures.jsonl",
    default_source="traccar NavtelecomProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
