"""DmtProtocol: the TrackerProtocol object the registry hands out; it only wires the Digital
Matter modules (framing, inspect, decoding, encoding) to the shared contract."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class DmtProtocol(TrackerProtocol):
    name: ClassVar[str] = "dmt"
    # Traccar's port for "dmt" (src/main/java/org/traccar/config/PortConfigSuffix.java)
    default_port: ClassVar[int] = 5137
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "hello", "data records", "64-byte data records", "commit request",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Digital Matter Oyster",
        "Digital Matter Yabby",
        "Digital Matter Remora",
        "Digital Matter Dart",
        "Digital Matter G62 / G120",
    )

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
