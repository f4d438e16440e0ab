"""Real GoTop messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl) is a device message of traccar/traccar
src/test/java/org/traccar/protocol/GotopProtocolDecoderTest.java (used as data only), in that
file's order, with a `#` end put back (the reference test feeds messages its framer has already
split; Fleetwire ends a message at `#` or a line end). The test's first message is empty: it
stays empty here (no bytes: nothing to frame, refused as truncated). ``expect`` is what
Fleetwire decodes; ``reference`` is that test's verdict. ``DIFFERENCES`` explains every message
where the two disagree, so `python -m tests.protocols.gotop.captures` prints the count.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    parts = capture.frame.split(b",")
    return parts[1].decode() if len(parts) > 1 else "empty"


CAPTURES = CaptureSet(
    "gotop", Path(__file__).parent / "captures.jsonl",
    default_source="traccar GotopProtocolDecoderTest", unique_id=None,
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
