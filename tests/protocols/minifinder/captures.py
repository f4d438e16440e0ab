"""Real MiniFinder text messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is a real device message from
traccar/traccar src/test/java/org/traccar/protocol/MiniFinderProtocolDecoderTest.java (used as
data only), in that file's order, with the `;` that ends each message on the wire put back (the
reference test feeds messages its framer has already split at `;`).
``expect`` is what Fleetwire decodes (kind, fix time, position and the fields the message exists
to carry; each value read off the message by hand); ``reference`` is that test's own verdict:
"null" (no record), "record", "position", or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every message where the two disagree, so that
`python -m tests.protocols.minifinder.captures` prints how many real messages decode right and
a test notices when that changes.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    return capture.frame[:2].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "minifinder", Path(__file__).parent / "captures.jsonl",
    default_source="traccar MiniFinderProtocolDecoderTest", unique_id="867273023933661",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
