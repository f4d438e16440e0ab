"""EelinkProtocol: the TrackerProtocol object the registry hands out; it only wires the Eelink
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class EelinkProtocol(TrackerProtocol):
    name: ClassVar[str] = "eelink"
    default_port: ClassVar[int] = 5064
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "login",
        "heartbeat",
        "GPS (V1.8)",
        "alarm (V1.8)",
        "state (V1.8)",
        "OBD (V1.8)",
        "location (V2.0)",
        "warning (V2.0)",
        "report (V2.0)",
        "message (V2.0)",
        "instruction answer (location query answer as a position)",
    )
    devices: ClassVar[tuple[str, ...]] = ("TK115", "TK116", "TK119", "GPT06", "GOT08", "GOT10")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
