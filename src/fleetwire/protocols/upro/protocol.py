"""UproProtocol: the TrackerProtocol object the registry hands out; it wires the UPRO modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5095: traccar/traccar setup/default.xml, `upro.port`. The default detect() fits
once a whole message is in: `*`, two capitals, `20`, digits, a type and `#`; it is kept from
claiming H02's `*HQ,` lines by the digits right after the maker letters.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class UproProtocol(TrackerProtocol):
    name: ClassVar[str] = "upro"
    default_port: ClassVar[int] = 5095  # traccar/traccar setup/default.xml: upro.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "position (A block) of any message type (BA, AB, AS, AC, AD, YAA ...)",
        "status with time, cell list and battery level", "heartbeat (AH)",
        "layouts from public captures only (no vendor document found)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("UPRO-protocol trackers (HQ, MG, VK, AI makers)",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
