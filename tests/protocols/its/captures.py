"""Real AIS-140 packets, what Fleetwire reads in each, and what a mature decoder reads.

captures.jsonl holds, in this order: every message of traccar/traccar
src/test/java/org/traccar/protocol/ItsProtocolDecoderTest.java (used as data only; its verdict
is the ``reference``), with the standard's `*` end character put back where that test's
messages had lost it to its framer (the wire form is `...*`, ItsFrameDecoderTest); the login
sample of the Odisha Transport Department's "AIS-140 Protocol" 1.0.20092022; and the device
packets of traccar ItsFrameDecoderTest, byte for byte as the devices sent them (checksum bytes,
trailers and line ends included). Those last two sources assert no decode, so their
``reference`` is the rule the decoder test applies: "null" for a login, "position" for a
tracking packet with a fix.
``expect`` is what Fleetwire decodes (kind, fix time, position and the fields the packet exists
to carry). ``DIFFERENCES`` lists, with the reason, every packet where the two disagree, so that
`python -m tests.protocols.its.captures` prints how many real packets decode as the reference.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_EMERGENCY = (
    "an emergency packet (EMR: panic button) with a valid fix, from a vendor that puts its name "
    "before the packet type: an SOS event here; the reference does not recognise the layout"
)
DIFFERENCES: dict[int, str] = {30: _EMERGENCY, 31: _EMERGENCY}


def message_type(capture: Capture) -> str:
    """The packet's kind (login, tracking, emergency, health)."""
    from fleetwire.protocols.its.layout import open_message

    return open_message(capture.frame).kind.value


CAPTURES = CaptureSet(
    "its", Path(__file__).parent / "captures.jsonl",
    default_source="traccar ItsProtocolDecoderTest", unique_id=None,
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
