"""Real HuaSheng device messages, what Fleetwire reads in each, and what a mature decoder
reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the 17 messages of
traccar/traccar src/test/java/org/traccar/protocol/HuaShengProtocolDecoderTest.java (commit
0565adcb78; used as data only), in that file's order. ``expect`` is what Fleetwire decodes;
``reference`` is that test's own verdict. ``DIFFERENCES`` lists, with the reason, every frame
where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    0: (
        "a 0xAA00 position with a fix (2021-10-10, Brisbane) and a VIN item: decoded as the "
        "position it is; the reference test expects no record from it"
    ),
    5: (
        "the engine-hours item (1174 units of 0.05 h) is stored as attributes.md says, in "
        "milliseconds (211320000); the reference states the same quantity in hours (58.7)"
    ),
}


def message_type(capture: Capture) -> str:
    return f"0x{capture.frame[5:7].hex()}"


CAPTURES = CaptureSet(
    "huasheng", Path(__file__).parent / "captures.jsonl",
    default_source="traccar HuaShengProtocolDecoderTest", unique_id="862950028534306",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
