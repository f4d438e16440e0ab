"""XexunProtocol: the TrackerProtocol object the registry hands out; it wires the Xexun modules
to the shared contract and holds no state. Its detect() is strict, as its text is close to that
of other GPRMC-based protocols."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE, RMC_HEADS


class XexunProtocol(TrackerProtocol):
    name: ClassVar[str] = "xexun"
    default_port: ClassVar[int] = 5006
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("GPRMC report (basic)", "GPRMC report (full)")
    devices: ClassVar[tuple[str, ...]] = ("Xexun TK102", "Xexun TK103", "XT-107")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """Only a whole first message that passes every check: its start (a serial, or "GPRMC"),
        the IMEI, the NMEA checksum and, in the full layout, the length and CRC."""
        if not head:
            return Detection.MORE
        if head[0] not in b"0123456789,G":
            return Detection.NO
        if head[0] != ord("G"):
            # serial, phone, then the RMC sentence (or nothing, without a fix): other
            # protocols' lines of digits and commas (IntelliTrac reports) are not Xexun's
            # once their third field shows
            parts = head.split(b",", 2)
            if (
                len(parts) == 3
                and parts[2][:1] != b","
                and not any(parts[2][: len(h)] == h[: len(parts[2])] for h in RMC_HEADS)
            ):
                return Detection.NO
        verdict = super().detect(head)
        if verdict == Detection.YES and not framing.sentence_checksum_matches(head):
            return Detection.NO  # a rewritten sentence is read, but too weak a sign to claim by
        return verdict
