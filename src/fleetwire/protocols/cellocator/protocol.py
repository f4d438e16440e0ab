"""CellocatorProtocol: the TrackerProtocol object the registry hands out; it only wires the
Cellocator modules (framing, inspect, decoding, encoding) to the shared contract and holds no
state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class CellocatorProtocol(TrackerProtocol):
    name: ClassVar[str] = "cellocator"
    # traccar/traccar setup/default.xml: <entry key='cellocator.port'>5033</entry>
    default_port: ClassVar[int] = 5033
    # The same messages and acknowledge go over UDP, one message per datagram.
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "Type 0 status/location",
        "Type 11 modular (GPS, time and programmable-logic modules)",
        "Type 4 acknowledge (server)",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "CR200", "CR300", "Cello-IQ", "Compact Security", "CelloTrack",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
