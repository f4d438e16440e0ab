"""Real PT502 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/Pt502ProtocolDecoderTest.java (commit 2ee386360b; PT502,
PT600 and Bofan units' reports, alarms, photo reports, a firmware report and a photo chunk;
used as data only), in that file's order, ending with the CR LF the devices send (that test
holds them as its frame decoder leaves them). The photo chunk is the full frame it arrives in.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.pt502.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    5: "a $FUS firmware report: no position, but the firmware versions it exists to carry, "
    "kept as versionFw on a status record; the reference drops the message",
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    start = frame.find(b"$")
    return frame[start + 1 : start + 4].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "pt502", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Pt502ProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
