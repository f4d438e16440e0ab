"""Real Startek device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/StartekProtocolDecoderTest.java (commit 014cf82a9e: position
reports with and without OBD data and a command answer operators sent in; used as data only),
in that file's order, each ending with the CR LF the device sends (the test quotes them
without it).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.startek.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    0: (
        "the reference reads the frame's last two characters (52) as a ninth OBD value, the "
        "fuel level; the frame's length field (187) and its checksum (0x52) both place them as "
        "the checksum, after an OBD block of eight values (RPM 853 ... instant fuel 34)"
    ),
    8: (
        "its length field (147) counts 11 bytes fewer than the frame holds and its checksum "
        "(46) does not match (0x71): the test's copy was edited, so it is refused"
    ),
}


def message_type(capture: Capture) -> str:
    parts = capture.frame.split(b",")
    return f"command {parts[2].decode('ascii', 'replace')[:3]}" if len(parts) > 2 else "?"


CAPTURES = CaptureSet(
    "startek", Path(__file__).parent / "captures.jsonl",
    default_source="traccar StartekProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
