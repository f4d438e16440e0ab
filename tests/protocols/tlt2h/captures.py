"""Real TLT-2H messages, what Fleetwire reads in each, and what a mature decoder reads.

The first 16 messages (captures.jsonl, one JSON object a line) are those of traccar/traccar
src/test/java/org/traccar/protocol/Tlt2hProtocolDecoderTest.java, in that file's order, as its
decoder gets them: without the closing `##` its frame decoder strips (used as data only). The
last 2 are whole messages as sent, from invertedtomato/mictrack-receiver MessageParserTests (a
device's and the Mictrack manual's sample; their verdict "position": that test asserts the fix).
``expect`` is what Fleetwire decodes; ``reference`` the source's own verdict.

A `$WIFI` line (line 2) carries access points and no coordinates: Fleetwire gives a status
record at its time with the access points; the reference's "position" for it is the unit's last
known location dated afresh (its decoder calls getLastLocation for `$WIFI`), so the set is
compared with ``last_known`` (tests.protocols.captures.agrees), no coordinates invented.

``DIFFERENCES`` lists, with the reason, every message where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    """The sentence of the first record line: GPRMC, WIFI ..."""
    text = capture.frame.decode("ascii", "replace")
    return text.split("$", 1)[1].split(",", 1)[0] if "$" in text else "?"


CAPTURES = CaptureSet(
    "tlt2h", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Tlt2hProtocolDecoderTest", unique_id="357671030946351",
    differences=DIFFERENCES, message_type=message_type, last_known=True,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
