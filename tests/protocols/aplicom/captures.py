"""Real Aplicom packets, what Fleetwire reads in each, and what a mature decoder reads.

Every packet (captures.jsonl, one JSON object a line) is a real capture: those of
traccar/traccar src/test/java/org/traccar/protocol/AplicomProtocolDecoderTest.java (used as
data only), in that file's order. No example packet of the vendor document could be read (see
src/fleetwire/protocols/aplicom/constants.py). ``expect`` is what Fleetwire decodes;
``reference`` is that test's own verdict.

``DIFFERENCES`` lists, with the reason, every packet where the two disagree, so that
`python -m tests.protocols.aplicom.captures` prints how many real messages decode right.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    4: "the capture is 235 bytes but its own length field says 247: a cut packet is the "
    "device's TruncatedFrame here (the reference reads what is there)",
}


def message_type(capture: Capture) -> str:
    """The packet type letter and the version byte, e.g. `D c3`."""
    return f"{chr(capture.frame[0])} {capture.frame[1]:02x}"


CAPTURES = CaptureSet(
    "aplicom", Path(__file__).parent / "captures.jsonl",
    default_source="traccar AplicomProtocolDecoderTest", unique_id="359227050776794",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
