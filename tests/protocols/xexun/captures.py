"""Real Xexun device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/XexunProtocolDecoderTest.java (commit 2099230503; the basic
layout's 14, then the full layout's 19, as operators sent them; used as data only), in that
file's order; a full message keeps the CR its line ends with.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict (it checks no
checksum).
``python -m tests.protocols.xexun.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_CRC = (
    "the message's own CRC-16 (which the tracker computes) does not match: an edited capture "
    "('help me!' and a shorter phone put into a message whose CRC field stayed 2689); refused"
)
DIFFERENCES: dict[int, str] = {
    18: "no sentence, but battery, charging and the serving cell: a status record here; the "
    "reference gives none",
    20: _CRC,
    21: _CRC,
    22: _CRC,
    23: _CRC,
}


def message_type(capture: Capture) -> str:
    return "basic" if capture.frame[:2] == b"GP" or capture.frame[:2] == b"GN" else "full"


CAPTURES = CaptureSet(
    "xexun", Path(__file__).parent / "captures.jsonl",
    default_source="traccar XexunProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
