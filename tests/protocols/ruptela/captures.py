"""Real Ruptela device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/RuptelaProtocolDecoderTest.java (commit 2099230503: FM-Eco4,
FM-Pro4 and HCV5 records, extended records, a photo part, identification, SMS-via-GPRS answers
and trouble codes; used as data only), after the four frames a later version of that test
added (an extended record with an iButton driver, an identification, 29 records without a fix,
records with empty driver card halves), as the copy in sushantjagtap5543/track (commit
c1e2befdc6) holds them; their ``source`` says so. In that later file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.ruptela.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_EDITED = (
    "its length field ({}) does not count its {}-byte payload although the CRC covers all of "
    "it: no framer cuts it from a stream (the reference's decoder test skips framing), so it is "
    "refused as an edited frame"
)
DIFFERENCES: dict[int, str] = {
    6: _EDITED.format(17, 36),
    8: _EDITED.format(11, 48),
}


def message_type(capture: Capture) -> str:
    return f"command {capture.frame[10]}"


CAPTURES = CaptureSet(
    "ruptela", Path(__file__).parent / "captures.jsonl",
    default_source="traccar RuptelaProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
