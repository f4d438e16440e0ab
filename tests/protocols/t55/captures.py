"""Real T55-family lines, what Fleetwire reads in each, and what a mature decoder reads.

Every line (captures.jsonl) is a device message of traccar/traccar
src/test/java/org/traccar/protocol/T55ProtocolDecoderTest.java (used as data only), in that
file's order (testDecode, then testMaxonDecode), with the CR LF that ends each line on the wire
put back (the reference test feeds lines its framer has already split); testMaxonDecode's
two lines are one connection, replayed as the gateway reads it. ``expect`` is what
Fleetwire decodes; ``reference`` is that test's verdict. ``DIFFERENCES`` explains every line
where the two disagree, so `python -m tests.protocols.t55.captures` prints the count.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fleetwire.protocols.base import DecodeContext, Session
from tests.protocols.captures import Capture, CaptureSet, Result

DIFFERENCES: dict[int, str] = {}

# testMaxonDecode's two lines are one connection: a Maxon unit sends its RMC before it
# identifies itself with $GPFID.
CONNECTION = "traccar T55ProtocolDecoderTest (testMaxonDecode)"


class ConnectionCaptures(CaptureSet):
    """The connection's lines are read as the gateway reads them in turn (inspect() on one
    Session, gateway.connection): a line before the unit identified itself is not stored on its
    own (inspect holds it in the session), and a stored line is decoded with the context
    inspect() gave it (the held RMC, for the $GPFID). Every other line is decoded alone."""

    def _replay(self, capture: Capture) -> tuple[bool, bytes]:
        """Whether the gateway stores ``capture``, and the context it stores it with."""
        if capture.source != CONNECTION:
            return True, b""
        session = Session()
        for c in self.captures:
            if c.source != CONNECTION:
                continue
            up = self.protocol.inspect(c.frame, session)
            session.unique_id = up.unique_id or session.unique_id
            if c is capture:
                return up.store and session.unique_id is not None, up.context
        raise AssertionError("capture not in its set")

    def context(self, capture: Capture) -> DecodeContext:
        return replace(super().context(capture), context=self._replay(capture)[1])

    def decode(self, capture: Capture) -> Result:
        return super().decode(capture) if self._replay(capture)[0] else []


def message_type(capture: Capture) -> str:
    from fleetwire.protocols.t55.lines import open_line

    line = open_line(capture.frame)
    return line.name or line.kind.value


CAPTURES = ConnectionCaptures(
    "t55", Path(__file__).parent / "captures.jsonl",
    default_source="traccar T55ProtocolDecoderTest", unique_id="359853000144328",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
