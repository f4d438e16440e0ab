"""CastelProtocol: the TrackerProtocol object the registry hands out; it only wires the Castel
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class CastelProtocol(TrackerProtocol):
    name: ClassVar[str] = "castel"
    default_port: ClassVar[int] = 5086  # traccar/traccar setup/default.xml: castel.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "login (0x1001)",
        "logout (0x1002)",
        "heartbeat (0x1003)",
        "GPS data (0x4001)",
        "alarm (0x4007)",
        "PID and cell data (statistics)",
        "DTCs (0x4006/0x400B)",
        "comprehensive data (0x401F)",
        "query answer (0xA002)",
        "CC firmware login/heartbeat (0x4001/0x4206)",
        "MPIP $$ positions and login",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "Sinocastel IDD-213G",
        "Sinocastel IDD-213L",
        "Sinocastel IDD-218G",
        "Sinocastel D-218L",
    )

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """The length's high byte is printable only for a frame of 8 KiB or more, which no
        Castel unit sends; it is then another `$$` protocol's text (Fifotrack, Xirgo, Totem),
        and the auto port should not wait for 8 KiB to learn that."""
        if len(head) >= 4 and head[3] >= 0x20:
            return Detection.NO
        return super().detect(head)
