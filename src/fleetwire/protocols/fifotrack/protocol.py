"""FifotrackProtocol: the TrackerProtocol object the registry hands out; it only wires the
Fifotrack modules (framing, inspect, decoding, encoding) to the shared contract, holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class FifotrackProtocol(TrackerProtocol):
    name: ClassVar[str] = "fifotrack"
    # traccar/traccar setup/default.xml: <entry key='fifotrack.port'>5124</entry>
    default_port: ClassVar[int] = 5124
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("A00", "A01", "command answers")
    devices: ClassVar[tuple[str, ...]] = (
        "A100", "A300", "A500", "A600", "A700", "Q1", "Q2", "Q3", "S20", "S50",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
