"""Real WondeX frames, what Fleetwire reads in each, and what a mature decoder reads.

The first 16 lines of captures.jsonl are every message of traccar/traccar
src/test/java/org/traccar/protocol/WondexProtocolDecoderTest.java (VT10/VT300 reports, command
answers and the binary heartbeat operators sent in; used as data only), in that file's order,
the text ones held there without their line end. ``expect`` is what Fleetwire decodes;
``reference`` that test's verdict. ``DIFFERENCES`` explains every frame where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    0: (
        "dated 1999-09-25 (a unit whose clock was never set): the record sanity check refuses "
        "a fix before 2000 as an invalid field; the reference stores it"
    ),
}


def message_type(capture: Capture) -> str:
    """`report`, `answer` or `heartbeat`."""
    if capture.frame[:1] == b"\xd0":
        return "heartbeat"
    return "answer" if capture.frame[:1] == b"$" else "report"


CAPTURES = CaptureSet(
    "wondex", Path(__file__).parent / "captures.jsonl",
    default_source="traccar WondexProtocolDecoderTest", unique_id="2000000108",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
