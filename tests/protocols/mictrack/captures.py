"""Real Mictrack lines, what Fleetwire reads in each, and what a mature decoder reads.

Every line (captures.jsonl) is a device message of traccar/traccar
src/test/java/org/traccar/protocol/MictrackProtocolDecoderTest.java (used as data only), in
that file's order, with the CR LF that ends each line on the wire (Mictrack's MT500/MT700
documents) put back. ``expect`` is what Fleetwire decodes; ``reference`` is that test's
verdict. ``DIFFERENCES`` explains every line where the two disagree, so
`python -m tests.protocols.mictrack.captures` prints the count.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    from fleetwire.protocols.mictrack.messages import open_line

    line = open_line(capture.frame)
    return line.type or line.kind.value


CAPTURES = CaptureSet(
    "mictrack", Path(__file__).parent / "captures.jsonl",
    default_source="traccar MictrackProtocolDecoderTest", unique_id="866425031361423",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
