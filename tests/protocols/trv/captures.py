"""Real TRV messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl) is a device message of traccar/traccar
src/test/java/org/traccar/protocol/TrvProtocolDecoderTest.java (used as data only), in that
file's order, with the `#` that ends each message on the wire put back (the reference test
feeds messages its framer has already split at `#`). ``expect`` is what Fleetwire decodes;
``reference`` is that test's verdict. ``DIFFERENCES`` explains every message where the two
disagree, so `python -m tests.protocols.trv.captures` prints the count.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    from fleetwire.protocols.trv.framing import open_message

    m = open_message(capture.frame)
    return f"{m.kind}{m.type}"


CAPTURES = CaptureSet(
    "trv", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TrvProtocolDecoderTest", unique_id="353456789012345",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
