"""AtrackProtocol: the TrackerProtocol object the registry hands out; it only wires the ATrack
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class AtrackProtocol(TrackerProtocol):
    name: ClassVar[str] = "atrack"
    default_port: ClassVar[int] = 5044
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "binary @P/@Z positions (with %CI custom data)",
        "text @P (and AT1 @p) positions",
        "@R picture chunk",
        "FE 02 keep-alive",
        "$ command replies",
    )
    devices: ClassVar[tuple[str, ...]] = ("ATrack AK1", "AK7", "AK11", "AX7", "AX9", "AT5", "AU7")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
