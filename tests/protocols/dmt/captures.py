"""Real Digital Matter device messages, what Fleetwire reads in each, and what a mature decoder
reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/DmtProtocolDecoderTest.java (commit 4e08404b55: hello, data
record (0x04), 64-byte record (0x10) and async session messages of Dart, Falcon and G62 units
operators sent in; used as data only), in that file's order.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.dmt.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_HELLO = (
    "the hello is a status record here: the only message with the SIM's ICCID and the "
    "product, hardware and firmware versions; the reference reads only the IMEI from it"
)
DIFFERENCES: dict[int, str] = {0: _HELLO, 5: _HELLO, 9: _HELLO}


def message_type(capture: Capture) -> str:
    return f"0x{capture.frame[2]:02x}"


CAPTURES = CaptureSet(
    "dmt", Path(__file__).parent / "captures.jsonl",
    default_source="traccar DmtProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
