"""RuptelaProtocol: the TrackerProtocol object the registry hands out; it only wires the Ruptela
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class RuptelaProtocol(TrackerProtocol):
    name: ClassVar[str] = "ruptela"
    default_port: ClassVar[int] = 5046
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "records",
        "extended records",
        "trouble codes",
        "SMS via GPRS response",
        "configuration, version, firmware and set-IO answers",
        "identification",
        "heartbeat",
    )
    devices: ClassVar[tuple[str, ...]] = ("FM-Eco4", "FM-Pro4", "FM-Tco4", "Trace5", "HCV5")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
