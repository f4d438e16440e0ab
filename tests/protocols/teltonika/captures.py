"""Real Teltonika device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/TeltonikaProtocolDecoderTest.java (commit 67eaf473a8; FMB,
FMC, FM4, GH3000 and TAT packets operators sent in, Teltonika's own Codec 12/13 examples; used as
data only), in that file's order. The two last-but-photo frames are the ones that file reads
with its "extended" option on (a Codec 8 group of 16-byte elements): Fleetwire reads that group
whenever the plain reading does not fit the packet.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.teltonika.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_CRC = (
    "the packet's own CRC-16 does not match its data (the reference never checks it): an "
    "edited frame, refused so that it is not ACKed"
)
_CUT = (
    "the packet is shorter than its own data length says (cut when it was copied): refused as "
    "truncated, the reference reads what is there"
)
DIFFERENCES: dict[int, str] = {
    12: _CRC + " (a Codec 13 message)",
    18: _CRC + " (a Codec 16 packet built from a Codec 8 example's values)",
    20: _CRC + " (capture 23 with IO ids edited, still under capture 23's CRC)",
    26: "the test file marks it 'invalid length and checksum': data length 0, CRC 0; refused",
    31: _CUT,
    34: _CUT,
    38: "data length 166 on a 33-byte record: the length field was edited; refused",
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:1] == b"\xff":
        return "keepalive"
    if frame[:2] != b"\x00\x00":
        return "login"
    return f"codec {frame[8]:02x}" if len(frame) > 8 else "short"


CAPTURES = CaptureSet(
    "teltonika", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TeltonikaProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
