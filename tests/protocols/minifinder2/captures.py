"""Real MiniFinder binary (minifinder2) messages, what Fleetwire reads in each, and what a mature
decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture from traccar/traccar
src/test/java/org/traccar/protocol/Minifinder2ProtocolDecoderTest.java (used as data only), in
that file's order; two of its frames (29 records from 0x180104.., 20 records from 0xab18ba03..)
are not here yet. ``expect`` is what Fleetwire decodes (record and position counts, the first
record's kind and time, the first fix, the attributes the message exists to carry; the values
of vectors.py's frames are checked field by field in test_decode.py); ``reference`` is that
test's own verdict: "record", "position" (a record: the reference's position() does not demand
a fix), ("count", n) records, or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.minifinder2.captures` prints how many real messages decode right and
a test notices when that changes.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    0: "the 'Place1' frame was edited after capture: its CRC does not match (checksum error)",
    6: "counter keys (0x37) carry their own time and start a record here (90); the reference"
    " folds them into the general-data records (78); no document says which",
    7: "configuration read (type 02) gives no record; the reference reads number1Flag from it,"
    " from ten one-byte 0x30 keys whose meaning no document found gives",
    11: "bark (alarm bit 31) is read, in the alarm's own record: its time is 2 s before the"
    " general data's, so it starts one; the reference folds it into the first record",
}


def message_type(capture: Capture) -> str:
    return f"type 0x{capture.frame[8]:02x}"


CAPTURES = CaptureSet(
    "minifinder2", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Minifinder2ProtocolDecoderTest", unique_id="862771076878340",
    differences=DIFFERENCES, message_type=message_type, last_known=True,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
