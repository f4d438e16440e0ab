"""MiniFinderProtocol: the TrackerProtocol object the registry hands out; it only wires the
MiniFinder modules (framing, inspect, decoding, encoding) to the shared contract and holds no
state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class MiniFinderProtocol(TrackerProtocol):
    name: ClassVar[str] = "minifinder"
    # the binary 0xAB protocol's port in the common open-source server ("minifinder2"); its 5062
    # belongs to the older MiniFinder text protocol ("!D,...")
    default_port: ClassVar[int] = 5187
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "data (GPS, general data, alarm)",
        "services",
        "response",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "MiniFinder Pico", "MiniFinder Nano", "MiniFinder Atto", "MiniFinder Zepto", "Eview EV-07B",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
