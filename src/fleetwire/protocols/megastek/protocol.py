"""MegastekProtocol: the TrackerProtocol object the registry hands out; it wires the Megastek
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: a first line must be a `$MGV002` or `STX` report that
names its unit (several text protocols start with `$`)."""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb"(?:\d{4})?\$MGV002,\w+,|(?:LOG)?STX")


class MegastekProtocol(TrackerProtocol):
    name: ClassVar[str] = "megastek"
    default_port: ClassVar[int] = 5024  # traccar setup/default.xml: megastek.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "$MGV002 (with or without its length)", "STX / LOGSTX with $GPRMC (new)",
        "STX<id> with $GPRMC (old)", "alarm words", "cmd=aid (A-GPS request, no record)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Megastek MT-90", "Megastek GVT900", "Megastek GVT800")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        return Detection.YES if _FIRST.match(head) else Detection.NO
