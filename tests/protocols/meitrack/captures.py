"""Real Meitrack device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/MeitrackProtocolDecoderTest.java (commit 014cf82a9e: AAA
text reports, CCC/CCE binary reports, a photo packet and a command answer of MVT/T1/T3/T333
units operators sent in; used as data only), in that file's order, with the CR LF the device
ends a message with (that test quotes most without it).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.meitrack.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_EDITED = "an edited capture ({}): the frame's own {} proves it, so it is refused"
DIFFERENCES: dict[int, str] = {
    10: _EDITED.format("frame 11 with one field changed", "checksum"),
    16: (
        "a command answer (D03 OK, to a photo request) is a status record with its result here, "
        "as every command answer is; the reference keeps none for this one"
    ),
    17: _EDITED.format("a 14-digit IMEI, one digit cut", "length field"),
    20: _EDITED.format("two characters cut", "length field"),
    23: _EDITED.format("frame 22 with '7' made '-7'", "length field"),
    33: _EDITED.format("IMEI replaced by 123123123123123", "checksum"),
}


def message_type(capture: Capture) -> str:
    fields = capture.frame.split(b",")
    return fields[2][:3].decode("ascii", "replace") if len(fields) > 2 else "?"


CAPTURES = CaptureSet(
    "meitrack", Path(__file__).parent / "captures.jsonl",
    default_source="traccar MeitrackProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
