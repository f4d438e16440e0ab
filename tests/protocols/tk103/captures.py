"""Real TK103 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the first 71 are those of
traccar/traccar src/test/java/org/traccar/protocol/Tk103ProtocolDecoderTest.java (commit
660777989b: frames operators sent in over the years, the vendor document's alarm example among
them; used as data only), in that file's order; the rest come from operators' server logs and
device owners' posts in issues, each naming its ``source`` (their verdict: "position" where the
post shows a working fix, "null" for handshakes, as the reference test has it).
``expect`` is what Fleetwire decodes (the fields that carry the message's meaning: kind, fix time,
position, the attributes it exists to carry); ``reference`` is that test's own verdict on the
frame: "null" (no record), "record", "position", or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.tk103.captures` can print how many real messages decode right and a
test notices when that changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_NO_FIX = (
    "no fix and zero coordinates: a record without a position here; the reference makes 0,0 one"
)
_BMS = (
    "BS50/BS51 battery-management block: no public layout to decode it from (the reference reads "
    "cell voltages and temperatures); kept in the raw log for replay"
)
DIFFERENCES: dict[int, str] = {
    0: _BMS,
    1: _BMS,
    12: "DW5B carries a serving cell, no coordinates: a status record with the cell here",
    15: _NO_FIX,
    30: "the vendor document's alarm example has the date 061830 (month 18): refused, not guessed",
    42: _NO_FIX,
    50: _NO_FIX,
}


def message_type(capture: Capture) -> str:
    """The command word: `(<id>BR00...` or, comma layout, `(<id>,ZC07,...`."""
    text = capture.frame.decode("ascii", "replace")
    m = re.match(r"\(\w+?(?:,([0-9A-Z]{4})|([A-Z]{2}\d\d))", text)
    return (m.group(1) or m.group(2)) if m else "?"


CAPTURES = CaptureSet(
    "tk103", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Tk103ProtocolDecoderTest", unique_id="013612345678",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
