"""Real GT06 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the first 170 are those
of traccar/traccar src/test/java/org/traccar/protocol/Gt06ProtocolDecoderTest.java (frames
operators sent in over the years, a few vendor-document examples among them; used as data only),
in that file's order; the rest come from operators' server logs posted in issues and pull
requests, each naming its ``source`` (for those the verdict is what the posted log shows, or
"record" for frames such a server reads without a line to show for it).
``expect`` is what Fleetwire decodes (the fields that carry the message's meaning: kind, fix time,
position, the attributes it exists to carry); ``reference`` is that test's own verdict on the
frame: "null" (no record), "record", "position", or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.gt06.captures` can print how many real messages decode right and a
test notices when that changes.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_CRC = "the frame's CRC does not match: corrupt (the reference decoder does not check CRCs)"
_CLOCK = "the reference reads the altitude from the CRC bytes; 687 m here, as the 0x31 frames say"
DIFFERENCES: dict[int, str] = {
    17: _CLOCK,
    32: _CRC,
    33: _CRC,
    34: _CRC,
    38: "alarm code 0x0C is 'power on' in the JM-VL03 document; the reference says tampering",
    49: _CRC,
    67: "the capture lacks its final 0A byte: not a whole frame",
    111: _CRC,
    140: _CRC + " (the vendor's own 0x12 example, shared/protocols.md 2.4)",
    159: _CRC,
    160: _CRC,
    161: _CRC,
    162: _CRC,
}


def message_type(capture: Capture) -> str:
    """The protocol number after the start bytes and length (one byte for 78 78, two for 79 79)."""
    frame = capture.frame
    return f"0x{frame[3 if frame[0] == 0x78 else 4]:02x}"


CAPTURES = CaptureSet(
    "gt06", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Gt06ProtocolDecoderTest", unique_id="123456789012345",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
