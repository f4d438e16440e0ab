"""Real Mobilogix messages, what Fleetwire reads in each, and what a mature decoder reads.

Every line of captures.jsonl is a message of traccar/traccar
src/test/java/org/traccar/protocol/MobilogixProtocolDecoderTest.java (MT2000 messages operators
sent in; used as data only), in that file's order, held there without their `]`. ``expect`` is
what Fleetwire decodes; ``reference`` that test's verdict. ``DIFFERENCES`` explains every
message where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    17: (
        "a T1 login (firmware, unit, ICCID, password, IMSI, IMEI) carries no position, so no "
        "record, as for the T1 of #2 where the reference agrees (null). The reference's "
        "'position' here is no coordinate of this message: a message without one is filled "
        "from the unit's last known location (its getLastLocation branch); nothing to decode"
    ),
}


def message_type(capture: Capture) -> str:
    """The T message type."""
    return capture.frame.strip(b"\r\n").split(b",")[1].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "mobilogix", Path(__file__).parent / "captures.jsonl",
    default_source="traccar MobilogixProtocolDecoderTest", unique_id="201951132044",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
