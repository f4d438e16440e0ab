"""Real Eelink device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/EelinkProtocolDecoderTest.java (commit 2deb7abd05: old
(0x02-0x05) and V2.0 (0x12-0x16) packages, instruction answers and "EL" UDP-style wrapped
packages operators sent in; used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.eelink.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_NO_FIX = (
    "no fix (zero coordinates and speed): a status record here (its code, cell and status), "
    "no (0, 0) position"
)
DIFFERENCES: dict[int, str] = {14: _NO_FIX, 16: _NO_FIX}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    at = 2 if frame[:2] == b"gg" else 9  # "EL" wraps a "gg" package after its own header
    return f"0x{frame[at]:02x}"


CAPTURES = CaptureSet(
    "eelink", Path(__file__).parent / "captures.jsonl",
    default_source="traccar EelinkProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
