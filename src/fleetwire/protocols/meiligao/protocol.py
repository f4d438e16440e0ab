"""MeiligaoProtocol: the TrackerProtocol object the registry hands out; it only wires the
Meiligao modules (framing, inspect, decoding, encoding) to the shared contract, holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class MeiligaoProtocol(TrackerProtocol):
    name: ClassVar[str] = "meiligao"
    default_port: ClassVar[int] = 5009
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0x5000 login", "0x9955 position", "0x9016 logged position", "0x9999 alarm",
        "0x6688 position batch", "0x9966 RFID", "command answers",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("VT300", "VT310", "VT400", "GT30i", "GT60")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
