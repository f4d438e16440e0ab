"""Real StarLink reports, what Fleetwire reads in each, and what a mature decoder reads.

Every report (captures.jsonl, one JSON object a line) is a real capture: the 19 of
traccar/traccar src/test/java/org/traccar/protocol/StarLinkProtocolDecoderTest.java, in that
file's order (used as data only), each with the format that test configures for it as its
``options`` (none where it is the default format). ``expect`` is what Fleetwire decodes;
``reference`` is that test's own verdict.

``DIFFERENCES`` lists every report where the two disagree, with the reason (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    """ "default" or "configured": the format the report was read with."""
    return "configured" if capture.options else "default"


CAPTURES = CaptureSet(
    "starlink", Path(__file__).parent / "captures.jsonl",
    default_source="traccar StarLinkProtocolDecoderTest", unique_id="006968",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
