"""MeitrackProtocol: the TrackerProtocol object the registry hands out; it only wires the
Meitrack modules (framing, inspect, decoding, encoding) to the shared contract, holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class MeitrackProtocol(TrackerProtocol):
    name: ClassVar[str] = "meitrack"
    default_port: ClassVar[int] = 5020
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("AAA", "AFF", "CCC", "CCE", "command answers")
    devices: ClassVar[tuple[str, ...]] = (
        "MVT100", "MVT340", "MVT380", "MVT600", "T1", "T333", "T366", "T622", "P88L",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
