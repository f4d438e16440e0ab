"""Real Telic messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is a real capture: the 27 of
traccar/traccar src/test/java/org/traccar/protocol/TelicProtocolDecoderTest.java (the text as
its frame decoder hands it on, without the NUL), then the 6 whole messages of
TelicFrameDecoderTest.java (as sent, with the NUL; their verdict is what the decoder test says
of the same message), in those files' order; used as data only. ``expect`` is what Fleetwire
decodes; ``reference`` is that test's own verdict.

``DIFFERENCES`` lists every message where the two disagree, with the reason (none).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    """ "report", "connect" or "answer" (letters after the id)."""
    text = capture.frame.lstrip(b"cde\x00").decode("ascii", "replace")
    if "|" in text:
        return "connect"
    return "report" if text.split(",", 1)[0].isdigit() else "answer"


CAPTURES = CaptureSet(
    "telic", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TelicProtocolDecoderTest", unique_id="3097061",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
