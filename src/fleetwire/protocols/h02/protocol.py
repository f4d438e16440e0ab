"""H02Protocol: the TrackerProtocol object the registry hands out; it wires the H02 modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: a text first frame must be a whole `*XX,<10-15 digit
id>,<known type>...#` line, so the shared auto port does not take other `*`-framed text
protocols for H02.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE, TEXT_START

_FIRST_LINE = re.compile(rb"\*[A-Za-z]{2},\d{10,15},([A-Z][A-Z0-9]{0,5})(,[ -~]*)?#\r?\n?")


class H02Protocol(TrackerProtocol):
    name: ClassVar[str] = "h02"
    default_port: ClassVar[int] = 5013
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        *decoding.TEXT_DECODERS, "binary $ (32/42/45-byte)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Sinotrack ST-901", "Sinotrack ST-906", "Sinotrack ST-907", "H02 / TK clones",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES or head[0] != TEXT_START:
            return verdict
        n = framing.frame_length(head)
        m = _FIRST_LINE.fullmatch(head[:n])
        known = m is not None and m.group(1).decode() in decoding.TEXT_DECODERS
        return Detection.YES if known else Detection.NO
