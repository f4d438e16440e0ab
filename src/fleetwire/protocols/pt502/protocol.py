"""Pt502Protocol: the TrackerProtocol object the registry hands out; it wires the PT502 modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: many text protocols open with `$`, so a simplified frame
must begin like a PT502 report (`$<TYPE>,<id>,<hhmmss.sss>,<A|V>,`) or a firmware report; a full
frame (0xBF 0xFB with a matching XOR) is distinctive on its own.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb"\$(?:[A-Z]{3}[0-9-]{0,12},\d{1,20},\d{6}\.\d{3},[AV],|FUS\d{1,20},)")


class Pt502Protocol(TrackerProtocol):
    name: ClassVar[str] = "pt502"
    default_port: ClassVar[int] = 5017  # traccar setup/default.xml: pt502.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "$POS", "$PHO (position with photo)", "alarms ($IN1, $SPD, $GEO, $SKA, $LPA, $CPA, "
        "$TOW, $HDA, $HDB, $FDA, $PMA ...)", "other event types", "$FUS (firmware)",
        "full frame (0xBF 0xFB)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Bofan PT502", "Bofan PT600", "Bofan PT300X")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES or head[:1] != b"$":
            return verdict
        return Detection.YES if _FIRST.match(head) else Detection.NO
