"""Real Navis frames, what Fleetwire reads in each, and what a mature decoder reads.

Every line of captures.jsonl is a frame of traccar/traccar
src/test/java/org/traccar/protocol/NavisProtocolDecoderTest.java (commit 014cf82a9e; NTCB
`*>S`, `*>T` and `*>A` of formats F52 and F60, and two FLEX 1.0/2.0 sessions: `*>S`,
`*>FLEX`, `~T`, `~A`; used as data only), in that file's order. A FLEX record is laid out by
the `*>FLEX` of its connection, so these captures are read as one connection per test method of
that file: each frame's decode gets the context inspect() gave it after the frames before it
since the last `*>S` (as `fleetwire decode` and the gateway do). ``expect`` is what Fleetwire
decodes; ``reference`` that test's verdict (verifyPositions: "position").
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session
from tests.protocols.captures import Capture, CaptureSet

DIFFERENCES: dict[int, str] = {}
_LOGIN = b"*>S"


def message_type(capture: Capture) -> str:
    frame = capture.frame
    if frame[:4] == b"@NTC":
        return frame[16:19].decode("ascii", "replace")
    return frame[:2].decode("ascii", "replace")


@dataclasses.dataclass
class ConnectionCaptures(CaptureSet):
    """Captures read as connections: a `*>S` starts a new one."""

    _before: dict[int, tuple[dict[str, Any], bytes]] = dataclasses.field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        session = Session()
        for c in self.captures:
            if c.frame[16:19] == _LOGIN:
                session = Session()
            state = dict(session.state)
            try:
                context = self.protocol.inspect(c.frame, session).context
            except DeviceError:
                context = b""
            self._before[id(c)] = (state, context)

    def session_before(self, capture: Capture) -> Session:
        """The connection's session as it stood before ``capture`` arrived."""
        session = Session()
        session.state.update(self._before[id(capture)][0])
        return session

    def context(self, capture: Capture) -> DecodeContext:
        ctx = super().context(capture)
        return dataclasses.replace(ctx, context=self._before[id(capture)][1])


CAPTURES = ConnectionCaptures(
    "navis", Path(__file__).parent / "captures.jsonl",
    default_source="traccar NavisProtocolDecoderTest", unique_id="861785005205079",
    differences=DIFFERENCES, message_type=message_type,
)  # fmt: skip

if __name__ == "__main__":
    CAPTURES.main()
