"""Real Laipac sentences, what Fleetwire reads in each, and what a mature decoder reads.

Every line of captures.jsonl is a message of traccar/traccar
src/test/java/org/traccar/protocol/LaipacProtocolDecoderTest.java (S911 units' sentences
operators sent in; used as data only), in that file's order, held there without its line end
(the `*XX` checksum ends a sentence). ``expect`` is what Fleetwire decodes; ``reference`` that
test's verdict. ``DIFFERENCES`` explains every sentence where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_NO_FIX = (
    "no fix (status V, coordinates 0000.0000 N 00000.0000 E): a status record with its event, "
    "battery and cell here, no position; the reference makes 0,0 a position"
)
DIFFERENCES: dict[int, str] = dict.fromkeys((15, 16, 17, 18, 19, 20), _NO_FIX)


def message_type(capture: Capture) -> str:
    """The sentence type: `$AVRMC`, `$ECHK`, ..."""
    return capture.frame.split(b",")[0].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "laipac", Path(__file__).parent / "captures.jsonl",
    default_source="traccar LaipacProtocolDecoderTest", unique_id="358174067149865",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
