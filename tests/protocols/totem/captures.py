"""Real Totem device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/TotemProtocolDecoderTest.java (commit 014cf82a9e; AVL02,
AVL-08 and AT07/AT09 frames operators sent in; used as data only), in that file's order, with
the CR LF the devices end a frame with (one capture there ends in CR alone: its LF is added).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict (the reference
decoder checks neither the declared length nor the checksum).
``python -m tests.protocols.totem.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_EDITED = (
    "declared length {} but {} bytes, and the checksum does not match either: an edited capture "
    "(the reference checks neither); refused as corrupt"
)
_NO_FIX = "no fix and zero coordinates: a status record here, no position at (0, 0)"
_STATUS = "no fix yet: the I/O flags and voltages make a status record here; none in the reference"
DIFFERENCES: dict[int, str] = {
    5: _EDITED.format(112, 108),
    7: _NO_FIX,
    12: _NO_FIX + " (the clock is unset too: 2014-01-01 01:01:01)",
    16: _STATUS,
    19: "its CRC-16 does not match: corrupt (the reference does not check it)",
    21: _EDITED.format(176, 171) + " (the IMEI was shortened to 6 digits)",
    22: _STATUS,
    30: _EDITED.format(179, 178) + " (one '|' of the capture before it dropped)",
}


def message_type(capture: Capture) -> str:
    head = capture.frame.split(b"|")[0]
    return (head[6:8] if len(head) == 23 else b"classic").decode("ascii", "replace")


CAPTURES = CaptureSet(
    "totem", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TotemProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
