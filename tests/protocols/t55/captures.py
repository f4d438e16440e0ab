"""Real T55-family lines, what Fleetwire reads in each, and what a mature decoder reads.

Every line (captures.jsonl) is a device message of traccar/traccar
src/test/java/org/traccar/protocol/T55ProtocolDecoderTest.java (used as data only), in that
file's order (testDecode, then testMaxonDecode), with the CR LF that ends each line on the wire
put back (the reference test feeds lines its framer has already split). ``expect`` is what
Fleetwire decodes; ``reference`` is that test's verdict. ``DIFFERENCES`` explains every line
where the two disagree, so `python -m tests.protocols.t55.captures` prints the count.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    34: (
        "Maxon: an RMC sent before the unit identified itself; the reference drops it for "
        "want of a device and sends it with the later $GPFID. A decoder here reads every "
        "RMC alone; on a connection the gateway stores this one with the $GPFID instead"
    ),
    35: (
        "Maxon: the reference answers this $GPFID with the RMC it held from before the "
        "identification. So does Fleetwire on a connection (the held RMC is the frame's "
        "context, inspect.py), but a capture decoded alone has no context: no record"
    ),
}


def message_type(capture: Capture) -> str:
    from fleetwire.protocols.t55.lines import open_line

    line = open_line(capture.frame)
    return line.name or line.kind.value


CAPTURES = CaptureSet(
    "t55", Path(__file__).parent / "captures.jsonl",
    default_source="traccar T55ProtocolDecoderTest", unique_id="359853000144328",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
