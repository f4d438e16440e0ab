"""TramigoProtocol: the TrackerProtocol object the registry hands out; it wires the Tramigo
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() keeps the default (a whole first frame that names its unit): a 0x80 byte with a
matching length 20+ bytes on is rare enough in other protocols' first bytes, and the auto-port
ambiguity test holds it to that."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class TramigoProtocol(TrackerProtocol):
    name: ClassVar[str] = "tramigo"
    default_port: ClassVar[int] = 5073  # traccar setup/default.xml: tramigo.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0x80 text report (position, speed, heading, ignition, battery)", "0x80 ping",
        "0x04 binary report (position, speed, course, event, ignition, signal, battery level)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Tramigo T22", "Tramigo T23", "Tramigo T23 Fleet")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
