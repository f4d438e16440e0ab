"""Real Megastek lines, what Fleetwire reads in each, and what a mature decoder reads.

Every line of captures.jsonl is a message of traccar/traccar
src/test/java/org/traccar/protocol/MegastekProtocolDecoderTest.java (MT-90, GVT900 and newer
units' reports operators sent in; used as data only), in that file's order, held there without
its line end. ``expect`` is what Fleetwire decodes; ``reference`` that test's verdict.
``DIFFERENCES`` explains every line where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_MINUTES = (
    "longitude 094 degrees 94.x minutes, which no receiver writes (minutes stop at 59.99): the "
    "line was edited by hand, as its placeholder IMEI 123456789012345 and its $GPRMC checksums "
    "say (*47, *7C, *70 where the sentences XOR to 48, 7E, 74, differing in the edited digits); "
    "refused as an invalid field, not guessed (the reference reads it as 95.58 W)"
)
DIFFERENCES: dict[int, str] = {
    16: (
        "its length prefix says 0125 but 175 bytes follow (the same report as line 19 with the "
        "prefix of a shorter one): on the wire the framer would cut it at 125 bytes, so it is "
        "refused as a framing error"
    ),
    24: (
        "no fix, coordinates 0000.0000 N 00000.0000 E (the unit's placeholder): a status record "
        "with its cell and alarm word here, no position; the reference makes 0,0 a position"
    ),
    32: _MINUTES,
    33: _MINUTES,
    34: _MINUTES,
}


def message_type(capture: Capture) -> str:
    """`MGV002`, `STX` (new), `STX-old` or `LOGSTX`."""
    text = capture.frame.decode("latin-1")
    if "$MGV002" in text[:12]:
        return "MGV002"
    if text.startswith("LOGSTX"):
        return "LOGSTX"
    return "STX" if text.startswith("STX,") else "STX-old"


CAPTURES = CaptureSet(
    "megastek", Path(__file__).parent / "captures.jsonl",
    default_source="traccar MegastekProtocolDecoderTest", unique_id="860719020193193",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
