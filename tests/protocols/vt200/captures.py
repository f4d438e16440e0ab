"""Real VT200 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is from
traccar/traccar src/test/java/org/traccar/protocol/Vt200ProtocolDecoderTest.java (commit
014cf82a9e; used as data only): its 19 checks in that file's order (one frame checked twice
for two attributes appears twice). ``expect`` is what Fleetwire decodes; ``reference`` is that
test's own verdict. ``DIFFERENCES`` lists, with the reason, every frame where the two
disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_PLACEHOLDER = (
    "the 2014 example frames (unit 301404140001) all end in the same byte DF whatever their "
    "content, where every device capture of the set ends in the XOR of its bytes: a "
    "placeholder, not a checksum (the reference decoder does not check it); refused as corrupt"
)
DIFFERENCES: dict[int, str] = {15: _PLACEHOLDER, 16: _PLACEHOLDER, 17: _PLACEHOLDER,
                               18: _PLACEHOLDER}  # fmt: skip


def message_type(capture: Capture) -> str:
    return f"0x{capture.frame[7:9].hex()}"


CAPTURES = CaptureSet(
    "vt200", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Vt200ProtocolDecoderTest", unique_id="631037309456",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
