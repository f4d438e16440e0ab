"""Real GPS103 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is one of
src/test/java/org/traccar/protocol/Gps103ProtocolDecoderTest.java in a recent traccar/traccar
version, as the copy in sushantjagtap5543/track (commit c1e2befdc6) holds it (Coban
TK103/GPS-103/GPS-303 and clone reports operators sent in; used as data only): the 79 of
traccar/traccar commit 014cf82a9e and two added later, with that later file's verdicts (a
report without GPS, cell or clock is now a record there). In that file's order, ending with the
';' the devices send where the capture there lost it (the firmware that ends its messages with
'*' keeps that).

``expect`` is what Fleetwire decodes; ``reference`` is that test's own verdict.
``python -m tests.protocols.gps103.captures`` prints how many read as the reference does.
"""

from __future__ import annotations

from pathlib import Path

from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {
    35: (
        "an OBD report whose engine readings are all zero or blank and whose battery voltage is "
        "missing: Fleetwire stores the zeros it reads; the reference's pattern requires the "
        "voltage and drops the report"
    ),
}


def message_type(capture: Capture) -> str:
    text = capture.frame.decode("ascii", "replace")
    if text.startswith("##"):
        return "logon"
    if not text.startswith("imei:"):
        return "heartbeat" if text.rstrip(";").isdigit() else "heartbeat + report"
    return text.split(",")[1]


CAPTURES = CaptureSet(
    "gps103", Path(__file__).parent / "captures.jsonl",
    default_source="traccar Gps103ProtocolDecoderTest (recent; sushantjagtap5543/track copy)",
    unique_id="0",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
