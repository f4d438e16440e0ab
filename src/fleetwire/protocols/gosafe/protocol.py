"""GoSafeProtocol: the TrackerProtocol object the registry hands out; it wires the GoSafe
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5078: traccar/traccar setup/default.xml, `gosafe.port`. The default detect() fits:
a message must open with `*GS` and carry an IMEI to be claimed.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class GoSafeProtocol(TrackerProtocol):
    name: ClassVar[str] = "gosafe"
    default_port: ClassVar[int] = 5078  # traccar/traccar setup/default.xml: gosafe.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    terminators: ClassVar[tuple[bytes, ...]] = (b"#", b"#\r\n")  # every message ends '#'
    messages: ClassVar[tuple[str, ...]] = (
        "heartbeat", "records (SYS, GPS, GSM, COT, ADC, DTT, IWD, OBD blocks; event code)",
        "GS02 legacy record (GPS, MGR, ADC)", "command answer",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "GoSafe G1S", "G3S", "G3SC", "G3C", "G6S", "G7S", "G79", "G79W", "G737", "G777", "G797",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
