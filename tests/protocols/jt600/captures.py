"""Real JT600 / JT701 device messages, what Fleetwire reads in each, and what a mature decoder
reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the 37 messages of
traccar/traccar src/test/java/org/traccar/protocol/Jt600ProtocolDecoderTest.java (commit
014cf82a9e: binary short and long frames, U01/U02/U03/U04/U06/W01/P45/U09/@JT text messages;
used as data only), in that file's order. ``expect`` is what Fleetwire decodes (kind, fix
time, position, speed, course, satellites and the attributes the message carries);
``reference`` is that test's own verdict on the frame.

Zero coordinates with a 2000-01-01 clock (a unit without a fix yet) are decoded as the device
sends them, with ``valid`` false, as the reference does: they are real firmware output.
``DIFFERENCES`` lists every frame where the two disagree, with the reason (none today).
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}


def message_type(capture: Capture) -> str:
    """`$` + short/long header, or the text type word."""
    frame = capture.frame
    if frame[:1] == b"$":
        return "binary long" if frame[8] == 0 else "binary short"
    fields = frame.decode("ascii", "replace").strip("()").split(",")
    return fields[2] if len(fields) > 2 and fields[1].isdigit() else fields[1]


CAPTURES = CaptureSet(
    "jt600", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Jt600ProtocolDecoderTest", unique_id="3120820029",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
