"""Real ATrack device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is one of traccar/traccar
src/test/java/org/traccar/protocol/AtrackProtocolDecoderTest.java (commit 01023bc55e: binary
and text reports, keep-alive and $ replies operators sent in from AK/AX units; used as data
only), in that file's order; the one text report quoted without its line end has its CR LF
back. ``traccar_options`` records the decoder options that test set (custom data, a fixed
%CI form, long dates); Fleetwire reads the same bytes without them, since every binary and
text report carries its own %CI form.

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.atrack.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_EDITED = (
    "a text report whose CRC-16 and length field no longer match its content (the test's "
    "copy was edited; in several the 0x1A ending the free-text field is gone), so it is "
    "refused; text reports as devices send them (the %BC one here) agree"
)
_PREFIX = (
    "the frame starts {} where the ATrack document puts '@P': its CRC and length are sound, "
    "but the prefix is what a stream is resynchronised on, so an unknown one is not a frame"
)
DIFFERENCES: dict[int, str] = {
    1: _PREFIX.format("03 01"),
    2: _EDITED,
    3: _EDITED,
    4: _EDITED,
    5: _EDITED,
    8: _PREFIX.format("02 03"),
    13: _EDITED,
    14: _EDITED,
    15: _EDITED,
    18: _EDITED,
    19: _EDITED,
    20: _EDITED,
    26: (
        "six zero bytes after the 57 bytes its length covers: a stream's framer hands the "
        "57-byte frame over (which decodes as the reference) and skips the padding, but the "
        "padded buffer is no frame"
    ),
    29: _EDITED,
    30: _EDITED,
}


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:1] == b"$":
        return "reply"
    if frame[:2] == b"\xfe\x02":
        return "keep-alive"
    return ("text " if frame[2:3] == b"," else "binary ") + frame[:2].hex()


CAPTURES = CaptureSet(
    "atrack", Path(__file__).parent / "captures.jsonl",
    default_source="traccar AtrackProtocolDecoderTest", unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
