"""GalileoProtocol: the TrackerProtocol object the registry hands out; it only wires the
Galileosky modules (framing, inspect, decoding, encoding) to the shared contract."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class GalileoProtocol(TrackerProtocol):
    name: ClassVar[str] = "galileo"
    default_port: ClassVar[int] = 5034
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("head packet", "main packet", "command reply")
    devices: ClassVar[tuple[str, ...]] = (
        "GalileoSky v2.x",
        "GalileoSky v5.x",
        "Galileosky 7.0",
        "Galileosky Base Block",
    )

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
