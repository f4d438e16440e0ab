"""Gl200Protocol: the TrackerProtocol object the registry hands out; it only wires the @Track
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.
Its detect() is strict: only a text report, buffered report, acknowledgement or event start
("+RESP:GT", "+BUFF:GT", "+ACK:GT", "+EVT:GT") can be Queclink on the shared port.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE, TEXT_PREFIXES


class Gl200Protocol(TrackerProtocol):
    name: ClassVar[str] = "gl200"
    default_port: ClassVar[int] = 5004
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "GTFRI", "GTERI", "GTSOS", "GTSPD", "GTGEO", "GTGES", "GTIGN", "GTIGF", "GTPNA",
        "GTPFA", "GTMPN", "GTMPF", "GTBPL", "GTSTT", "GTHBD", "GTINF", "GTDOG", "GTCAN",
        "GTDAT", "GTHBM", "GTRTL", "GTSTR", "GTCTN", "GTOBD", "GTBAA", "GTBID", "GTDTT",
        "GTDAR", "GTGSM", "GTWIF", "GTLBS", "GTVER", "GTTEM", "GTJDR", "GTJDS", "GTGCR",
        "+ACK", "binary +RSP/+BSP (incl. compressed track)/+EVT/+BVT/+HBD/+INF",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "GL200", "GL300", "GL320", "GV55", "GV65", "GV200", "GV300", "GV500", "GV600",
        "GB100", "GMT100", "GL500", "GL530", "GT501", "GV350M", "GV355CEU", "GV310LAU",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        probe = head[:8]
        if not any(probe.startswith(p) for p in TEXT_PREFIXES):
            if any(p.startswith(probe) for p in TEXT_PREFIXES):
                return Detection.MORE
            return Detection.NO
        return super().detect(head)
