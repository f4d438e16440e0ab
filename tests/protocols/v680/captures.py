"""Real V680 reports, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl) is one of traccar/traccar
src/test/java/org/traccar/protocol/V680ProtocolDecoderTest.java (commit 64114460, used as data
only), in that file's order, as the test quotes it: some with their closing `##`, some without.
Two are the halves of one report its frame decoder split at the `##` of an empty user field
(`#353588102019155` and a `1#0000#AUT#...` decoded as that device's). ``expect`` is what
Fleetwire decodes, ``reference`` that test's verdict; ``DIFFERENCES`` lists where they
disagree (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    parts = capture.frame.split(b"#")
    return parts[5].decode("ascii", "replace") if len(parts) > 5 else "?"


CAPTURES = CaptureSet(
    "v680", Path(__file__).parent / "captures.jsonl",
    default_source="traccar V680ProtocolDecoderTest", unique_id="353588102019155",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
