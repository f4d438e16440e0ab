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
_REGISTER = "registration gives a status record (maker, model, terminal id, plate); none there"
_LOCK = (
    "Huabao/Jointech lock frame 0x5501/0x5502 (BCD date, time and coordinates after the phone): "
    "no document of its layout found; dead-lettered (InvalidField) for replay once there is"
)
_NO_DOC = "no document of this vendor layout found; the frame is kept and the rest decoded"
DIFFERENCES: dict[int, str] = {
    0: "vendor message 0x0FA0, no document found: dead-lettered for replay",
    1: "the capture ends without check code and 7E: not a whole frame",
    2: "the capture ends without check code and 7E: not a whole frame",
    25: _LOCK,
    26: _LOCK + "; its check code does not match either",
    27: _LOCK,
    28: "driverUniqueId there is a control byte and 7 digits from item 0x60; " + _NO_DOC,
    29: "lock2Battery from the lock item 0x63; " + _NO_DOC,
    32: "OBD report 0x0900/F0: position read; the trouble-code block: " + _NO_DOC,
    37: _LOCK,
    42: "temp3 from binary item 0xE6 (not the $OBD-RT line); " + _NO_DOC,
    43: "hard acceleration from the 21-byte item 0xFE; " + _NO_DOC,
    48: _REGISTER,
    53: "vendor accelerometer samples 0x2070, no document found: dead-lettered for replay",
    59: _LOCK,
    60: "not a JT/T 808 frame: the lock's ASCII '(...)' message on the same port",
    61: _LOCK,
    62: _LOCK,
    65: "battery inside the lock's '*M00,...' text item 0x33; " + _NO_DOC,
    75: _REGISTER,
    76: _REGISTER,
    77: _REGISTER,
    79: _CHECK,
    81: _REGISTER,
    85: "charge from the GL100/VL300 items 0xF1-0xF9; " + _NO_DOC,
    95: _REGISTER + " (2019 header)",
    99: "motion from word 00C5 of item 0xEB: two bits (23, 24) differ, which one is unknown",
    108: "battery from the JC371 item 0xE8 (decode option 'model'): " + _NO_DOC,
    111: _CHECK,
    112: _CHECK,
    114: "BLE tag list in transparent data 0x0900; " + _NO_DOC,
    115: "device temperature in transparent data 0x0900; " + _NO_DOC,
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
