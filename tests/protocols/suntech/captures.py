"""Real Suntech device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/SuntechProtocolDecoderTest.java (commit 014cf82a9e: reports
operators sent in from ST300/ST340/ST390/ST410/ST500/ST600/ST910/SA200 and universal-firmware
units; used as data only), in that file's order, with the CR the device ends a text report with.
Some of that test's frames are read under decoder options (``traccar_options``: ADC, temperature
or RPM fields that the unit's configuration adds); Fleetwire reads the same bytes without them.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.suntech.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_CONFIGURED = (
    "a field the unit's configuration appends after the documented ones ({}): the reference "
    "reads it under a decoder option; nothing in the frame says it is there"
)
DIFFERENCES: dict[int, str] = {
    0: _CONFIGURED.format("ADC 1"),
    1: "a 1-Wire sensor's reading: temp1 here (the first sensor slot), temp2 in the reference",
    5: _CONFIGURED.format("RPM"),
    7: "an all-zero iButton id (no driver presented) is no driver here; the reference keeps it",
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:1] in (b"\x81", b"\x82"):
        return f"binary 0x{frame[0]:02x}"
    return frame.split(b";")[0].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "suntech", Path(__file__).parent / "captures.jsonl",
    default_source="traccar SuntechProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
