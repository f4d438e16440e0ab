"""Real KHD device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the 13 messages of
traccar/traccar src/test/java/org/traccar/protocol/KhdProtocolDecoderTest.java (commit
050941422c; used as data only), in that file's order, then 5 frames from public GitHub Python
tests of a `Longhan16m` (LH-16Smart) / `Xinan` translator (their verdicts: Location for the
reports, HeartBeat for 0xB1), each naming its ``source``. ``expect`` is what Fleetwire decodes;
``reference`` is the source's own verdict. ``DIFFERENCES`` lists, with the reason, every
frame where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    10: (
        "its length field says 8 bytes follow where 40 do, and its XOR does not match: edited "
        "by hand (the reference decoder reads it whole without checking); a unit's frame like "
        "it is refused by the framer and its checksum, never stored"
    ),
    17: (
        "the capture lost its last byte (the 0D tail; it ends ...b0d0): truncated, refused "
        "until the unit sends it whole"
    ),
}


def message_type(capture: Capture) -> str:
    return f"0x{capture.frame[2]:02x}"


CAPTURES = CaptureSet(
    "khd", Path(__file__).parent / "captures.jsonl",
    default_source="traccar KhdProtocolDecoderTest", unique_id="37064986",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
