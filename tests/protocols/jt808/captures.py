"""Real JT/T 808 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture. The first 91 are those
of traccar/traccar src/test/java/org/traccar/protocol/HuabaoProtocolDecoderTest.java (frames
operators sent in over the years; used as data only), in that file's order and numbered from 0
("capture #N" in the decoder's comments). That test feeds its decoder frames whose escaping its
frame decoder has already undone, so the 7D/7E bytes inside them are escaped again here to give
the bytes a device sends (a frame the test holds escaped is kept as it is). The next 26 are the
frames its successor, Jt808ProtocolDecoderTest, added; then real captures from a pull request,
an issue report and the Huabao lock document, each naming its ``source``.

``expect`` is what Fleetwire decodes: ``{}`` no record, ``{"error": reason}`` refused with that
reason, else ``{"records": [...]}`` with every field of every record (kind, fix time, position,
speed, satellites and every attribute). ``reference`` is that test's own verdict on the frame:
"null" (no record), "record", "position", or ("attr", key, value). ``options`` are decode
options the reference test set (its model override).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.jt808.captures` prints how many real messages decode right and a
test notices when that changes.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_CHECK = "the frame's check code does not match: corrupt (the reference decoder does not check it)"
_REGISTER = (
    "registration gives a status record (maker, model, terminal id, plate): kept for the "
    "device's details; the reference decoder makes none"
)
DIFFERENCES: dict[int, str] = {
    0: "vendor message 0x0FA0, no document found: dead-lettered for replay",
    1: "the capture ends without check code and 7E: not a whole frame",
    2: "the capture ends without check code and 7E: not a whole frame",
    26: "Jointech lock frame 0x5501 whose check code does not match: corrupt",
    28: (
        "item 0x60 event 0065: a byte, the lock id 001234567890 (the id item 0x63 of the same "
        "frame gives) and 8 ASCII characters, '90017383'; the reference reads the lock id a byte "
        "early and so the code a byte early, with the 0x90 of the id as its first character"
    ),
    48: _REGISTER,
    75: _REGISTER,
    76: _REGISTER,
    77: _REGISTER,
    79: _CHECK,
    81: _REGISTER,
    95: _REGISTER + " (2019 header)",
    111: _CHECK,
    112: _CHECK,
}


def message_id(capture: Capture) -> str:
    frame = capture.frame
    return f"0x{frame[1]:02x}{frame[2]:02x}" if frame[:1] == b"\x7e" else "text"


CAPTURES = CaptureSet(
    "jt808", Path(__file__).parent / "captures.jsonl",
    default_source="traccar HuabaoProtocolDecoderTest", unique_id="12345678901",
    differences=DIFFERENCES, message_type=message_id,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
