"""Real EGTS packets, what Fleetwire reads in each, and what a mature decoder reads.

Every packet (captures.jsonl, one JSON object a line) is a real capture: the first 17 are
those of traccar/traccar src/test/java/org/traccar/protocol/EgtsProtocolDecoderTest.java
(commit 42f12e41: terminals' and retranslators' packets, used as data only), in that file's
order; the last three are the packets of kuznetsovin/egts-protocol's own tests (a position,
a position with a faulty fuel sensor, a server response), whose verdict is what that library's
test asserts. ``expect`` is what Fleetwire decodes (kind, fix time, position and the fields
the packet exists to carry, of the first record; ``records`` when a packet gives several),
``reference`` that test's own verdict.

``DIFFERENCES`` lists, with the reason, every packet where the two disagree (none), so that
`python -m tests.protocols.egts.captures` prints how many real messages decode right and a
test notices when that changes.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}

_TYPES = {0: "response", 1: "appdata", 2: "signed appdata"}


def message_type(capture: Capture) -> str:
    """The packet type (PT, the tenth byte)."""
    frame = capture.frame
    return _TYPES.get(frame[9], "?") if len(frame) > 9 else "?"


# No unique id: each packet is decoded alone, as the object of its first record.
CAPTURES = CaptureSet(
    "egts", Path(__file__).parent / "captures.jsonl",
    default_source="traccar EgtsProtocolDecoderTest", unique_id=None,
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
