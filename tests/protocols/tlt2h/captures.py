"""Real TLT-2H messages, what Fleetwire reads in each, and what a mature decoder reads.

The first 16 messages (captures.jsonl, one JSON object a line) are those of traccar/traccar
src/test/java/org/traccar/protocol/Tlt2hProtocolDecoderTest.java, in that file's order, as its
decoder gets them: without the closing `##` its frame decoder strips (used as data only). The
last 2 are whole messages as sent, from invertedtomato/mictrack-receiver MessageParserTests (a
device's and the Mictrack manual's sample; their verdict "position": that test asserts the fix).
``expect`` is what Fleetwire decodes; ``reference`` the source's own verdict.

``DIFFERENCES`` lists, with the reason, every message where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    2: "a $WIFI line carries access points, no coordinates: a status record with the time and "
    "the access points here (the reference makes a position without a location of it)",
}


def message_type(capture: Capture) -> str:
    """The sentence of the first record line: GPRMC, WIFI ..."""
    text = capture.frame.decode("ascii", "replace")
    return text.split("$", 1)[1].split(",", 1)[0] if "$" in text else "?"


CAPTURES = CaptureSet(
    "tlt2h", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Tlt2hProtocolDecoderTest", unique_id="357671030946351",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
