"""Real GoSafe device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/GoSafeProtocolDecoderTest.java (commit 0d2efec8ef; G3, G6,
G7 and G79 reports operators sent in; used as data only), in that file's order, ending with the
'#' the devices send (some captures there were cut before it).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.gosafe.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_NUMBERING = (
    "IWD temperature sensors are numbered from 1 here (shared/attributes.md: temp1 is the "
    "first); the reference numbers them from 0, so its temp{0} is our temp{1}"
)
DIFFERENCES: dict[int, str] = {
    0: _NUMBERING.format(3, 4),
    1: _NUMBERING.format(0, 1),
    17: "no fix (V, 0 satellites, zero coordinates): a status record here, no (0, 0) position",
}


def message_type(capture: Capture) -> str:
    return capture.frame[1:5].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "gosafe", Path(__file__).parent / "captures.jsonl",
    default_source="traccar GoSafeProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
