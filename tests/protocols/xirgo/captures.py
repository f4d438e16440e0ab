"""Real Xirgo device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/XirgoProtocolDecoderTest.java (commit 2099230503; XT-2000,
XT-2050/2060 and XT-2150 reports, and units with a configured message format, whose form the
test sets and ``options`` repeats; used as data only), in that file's order, ending with the
'##' the devices send (two captures there were cut before it).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.xirgo.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return capture.frame.split(b",")[1].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "xirgo", Path(__file__).parent / "captures.jsonl",
    default_source="traccar XirgoProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
