"""Real Cellocator device messages, what Fleetwire reads in each, and what a mature decoder
reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/CellocatorProtocolDecoderTest.java (commit 014cf82a9e: the
vendor's own Type 0 example, Type 0 reports and two Type 11 modular reports operators sent in;
used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.cellocator.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    3: (
        "system code 'MCPG' instead of 'MCGP': a variant the reference reads with decimal-degree "
        "coordinates; no Pointer document here describes it and its last byte does not check "
        "as the MCGP error detection code, so it is no Cellocator frame here"
    ),
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    return f"{frame[:4].decode('ascii', 'replace')} type {frame[4]}"


CAPTURES = CaptureSet(
    "cellocator", Path(__file__).parent / "captures.jsonl",
    default_source="traccar CellocatorProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
