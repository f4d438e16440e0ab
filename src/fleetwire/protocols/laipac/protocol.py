"""LaipacProtocol: the TrackerProtocol object the registry hands out; it wires the Laipac
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: many text protocols open with `$`; a Laipac connection
opens with one of its own sentence types (`$AVSYS`, `$EAVSYS`, `$ECHK`, `$AVRMC`)."""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb"\$(?:AVSYS|EAVSYS|ECHK|AVRMC),")


class LaipacProtocol(TrackerProtocol):
    name: ClassVar[str] = "laipac"
    default_port: ClassVar[int] = 5048  # traccar setup/default.xml: laipac.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "$AVRMC (position, events, battery, cell)", "$ECHK (keep-alive, echoed)",
        "$AVSYS / $EAVSYS (system information, no record)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Laipac S911 Lola", "Laipac S911 Bracelet Locator")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        return Detection.YES if _FIRST.match(head) else Detection.NO
