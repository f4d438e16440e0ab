"""Real Meiligao device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/MeiligaoProtocolDecoderTest.java (commit 207f6dbd25:
positions, alarms, batches, RFID, login, picture and OBD frames operators sent in; used as data
only), in that file's order.

Many of that test's older frames have had their length field set to 0000 after the device
wrote its CRC: the CRC checks with the frame's real length in that field and not with 0000,
so the frame as quoted is an edited one and is refused (a device sends its length).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.meiligao.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_ZEROED = (
    "length field 0000: its CRC checks with the frame's real length there, so the copy was "
    "edited after the device sent it, and is refused"
)
_CRC = "its CRC does not check (the copy was edited), so it is refused"
_SHORT = "one byte shorter than its length field and its CRC does not check: an edited copy"
DIFFERENCES: dict[int, str] = {
    1: _SHORT,
    2: _SHORT,
    9: _CRC,
    11: (
        "two zero bytes after the 86 bytes its length covers: a stream's framer hands the "
        "frame over and skips the padding, but the padded buffer is no frame"
    ),
    12: _CRC,
    14: (
        "'@@' where every Meiligao frame starts '$$': its CRC checks only with '$$' in its "
        "place, so the header was changed after the CRC was made; refused"
    ),
    15: (
        "three whole frames in one buffer (the test glued them): a stream's framer hands over "
        "each, but the three are no single frame"
    ),
    26: _ZEROED,
    27: _ZEROED,
    28: _ZEROED,
    29: _ZEROED,
    30: _ZEROED,
    31: (
        "length field 0000 and a CRC that checks neither with it nor with the real length: "
        "an edited copy, refused"
    ),
    32: _ZEROED,
    33: _ZEROED,
    34: _ZEROED,
    35: _ZEROED,
    37: _ZEROED,
    38: _ZEROED,
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    return f"0x{frame[11:13].hex()}" if len(frame) > 13 else "short"


CAPTURES = CaptureSet(
    "meiligao", Path(__file__).parent / "captures.jsonl",
    default_source="traccar MeiligaoProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
