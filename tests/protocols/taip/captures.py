"""Real TAIP sentences, what Fleetwire reads in each, and what a mature decoder reads.

The first 28 lines of captures.jsonl are every message of traccar/traccar
src/test/java/org/traccar/protocol/TaipProtocolDecoderTest.java (Trimble, DCT Syrus and Argentine
firmwares' sentences operators sent in; used as data only), in that file's order; some are held
there with the CR LF around them, and are kept so; the three Syrus `REV` sentences it holds with
no end at all (lines 24-26) carry the `<` the device ends them with (the reference's TCP framer
splits on it and strips it). Then the Trimble appendix's PV example and Cypress Solutions' LN
example. ``expect`` is what Fleetwire decodes; ``reference``
that test's verdict. ``DIFFERENCES`` explains every frame where the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

_DOCUMENTED = (
    "{}: a position message of Trimble's TAIP appendix, decoded here to its fix; the reference "
    "decoder reads no record from it"
)
DIFFERENCES: dict[int, str] = {
    4: _DOCUMENTED.format("LN (long navigation)"),
    9: _DOCUMENTED.format("CP (compact position)"),
    10: _DOCUMENTED.format("LN (long navigation)"),
    12: _DOCUMENTED.format("CP (compact position)"),
    22: (
        "the Trimble appendix's PV example with its time of day changed to 00000 and the "
        "checksum kept: the XOR no longer matches, so the sentence is refused as corrupt (the "
        "original, line 29, decodes)"
    ),
}


def message_type(capture: Capture) -> str:
    """The qualifier and message id: `RPV`, `REV`, ..."""
    text = capture.frame.strip(b"\r\n")
    return text[1:4].decode("ascii", "replace")


CAPTURES = CaptureSet(
    "taip", Path(__file__).parent / "captures.jsonl",
    default_source="traccar TaipProtocolDecoderTest", unique_id="0017",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
