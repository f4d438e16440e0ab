"""MiniFinder2Protocol: the TrackerProtocol object the registry hands out; it only wires the
MiniFinder modules (framing, inspect, decoding, encoding) to the shared contract and holds no
state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class MiniFinder2Protocol(TrackerProtocol):
    name: ClassVar[str] = "minifinder2"
    # the binary 0xAB protocol ("minifinder2" in the common open-source server; called
    # "minifinder" here before issue 12); the older text protocol is minifinder, port 5062
    default_port: ClassVar[int] = 5187
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "data (GPS, general data, alarm, bark count and bark flag of pet models)",
        "services",
        "response",
        "system control answer",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "MiniFinder Pico", "MiniFinder Nano", "MiniFinder Atto", "MiniFinder Zepto", "Eview EV-07B",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
