"""WondexProtocol: the TrackerProtocol object the registry hands out; it wires the WondeX
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: a text first frame must look like a report
(`<digits>,<14 digits>,<signed decimal>,<signed decimal>,`), which no other protocol's first
line does; the heartbeat is distinctive alone."""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import HEARTBEAT, MAX_FRAME_SIZE

_FIRST = re.compile(rb"\d{1,20},\d{14},-?\d{1,3}\.\d+,-?\d{1,2}\.\d+,")


class WondexProtocol(TrackerProtocol):
    name: ClassVar[str] = "wondex"
    default_port: ClassVar[int] = 5032  # traccar setup/default.xml: wondex.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "report (VT10 and VT300 layouts)", "$OK / $ERR command answers",
        "binary heartbeat (echoed)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("WondeX VT10", "WondeX VT300", "WondeX VT310")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES or head[0] == HEARTBEAT:
            return verdict
        return Detection.YES if _FIRST.match(head) else Detection.NO
