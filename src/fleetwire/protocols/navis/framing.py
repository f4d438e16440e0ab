"""Navis framing: the NTCB and FLEX envelopes are Navtelecom's, byte for byte (the `@NTC`
header with its length and XOR checksums, FLEX messages ended by the negotiated record size or
their CRC-8, the 0x7F ping), so this module hands out the navtelecom package's framing.

Not framed: the FLEX 2.0 extra packages `~E`/`~X` (their layout is not public beyond one
decoder, and no real capture of one is at hand); their `~` opens no frame the framer knows, so
they are skipped as garbage up to the next frame start.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.protocols.base import Session
from fleetwire.protocols.navtelecom import framing as ntcb
from fleetwire.protocols.navtelecom import inspect as ntcb_inspect

frame_length = ntcb.frame_length


def session_frame_length(session: Session) -> Callable[[memoryview], int]:
    """FLEX messages cut at the record size the connection's *>FLEX negotiated, once known."""

    def length(buf: memoryview) -> int:
        return ntcb.frame_length(buf, ntcb_inspect.record_size(session))

    return length
