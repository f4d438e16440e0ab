"""Tk103Protocol: the TrackerProtocol object the registry hands out; it wires the TK103
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: the first frame must be a whole
`(<12 digits><B-command the decoder knows>...)`, so the shared auto port does not take other
parenthesised text protocols for TK103.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import comma, decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb"\(\d{12}(B[A-Z]\d\d)[ -'*-~]*\)[\r\n]*")


class Tk103Protocol(TrackerProtocol):
    name: ClassVar[str] = "tk103"
    default_port: ClassVar[int] = 5002
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        *decoding.DECODERS,
        "comma layout " + "/".join(comma.DECODERS),  # "(<id>,ZC07,...)" clones
    )
    devices: ClassVar[tuple[str, ...]] = ("TK103 / TK103B (Xexun-style)", "KX402", "GT02 clones")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        m = _FIRST.fullmatch(head[: framing.frame_length(head)])
        return Detection.YES if m and m.group(1).decode() in decoding.DECODERS else Detection.NO
