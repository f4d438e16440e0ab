"""StartekProtocol: the TrackerProtocol object the registry hands out; it wires the Startek
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state. Its
detect() refuses anything not opening with `&&` before asking the checksum-checking default."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE, UPLINK_START


class StartekProtocol(TrackerProtocol):
    name: ClassVar[str] = "startek"
    default_port: ClassVar[int] = 5222
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("000 position", "010 position", "command answer")
    devices: ClassVar[tuple[str, ...]] = ("iStartek VT100", "VT200", "VT300", "VT800", "PT60")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """YES only for a whole first frame with a valid checksum and an IMEI."""
        n = min(len(head), len(UPLINK_START))
        if head[:n] != UPLINK_START[:n]:
            return Detection.NO
        return super().detect(head)
