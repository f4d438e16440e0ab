"""SuntechProtocol: the TrackerProtocol object the registry hands out; it only wires the
Suntech modules (framing, inspect, decoding, encoding) to the shared contract and holds no
state. Its detect() is strict: only a text report header ("ST300STT;", "SA200ALV;", the
universal "STT;" …) followed by a numeric device id is Suntech on the shared port.
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
from .constants import HEADER, MAX_FRAME_SIZE

_HEAD = re.compile(rb"(?:" + HEADER.pattern + rb");(?:[A-Za-z]+;)?\d{6}")


class SuntechProtocol(TrackerProtocol):
    name: ClassVar[str] = "suntech"
    default_port: ClassVar[int] = 5011
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "STT", "ALT", "EMG", "EVT", "ALV", "UEX (driver id, fuel sensors)", "HTE", "CMD;Res",
        "RES", "ST910", "BLE", "binary status 0x81 / alert 0x82 (iButton driver id)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "ST300", "ST310U", "ST340", "ST390", "ST410", "ST4300", "ST500", "ST600", "ST8300",
        "ST910", "SA200",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        if _HEAD.match(head) is None:
            probe = head[:20]
            if len(probe) < 20 and framing.frame_length(probe) == 0 and probe[:1] != b"\x81":
                return Detection.MORE
            return Detection.NO
        return super().detect(head)
