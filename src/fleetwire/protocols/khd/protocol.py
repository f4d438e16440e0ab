"""KhdProtocol: the TrackerProtocol object the registry hands out; it wires the KHD modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5058: traccar/traccar setup/default.xml, `khd.port`. The default detect() fits:
a frame must start `29 29`, end on its tail at its length, pass its XOR and carry a pseudo-IP.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class KhdProtocol(TrackerProtocol):
    name: ClassVar[str] = "khd"
    default_port: ClassVar[int] = 5058  # traccar/traccar setup/default.xml: khd.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0x80 position", "0x81 requested position", "0x82 alarm", "0x85 position",
        "0x8E stored position", "0xA3 extended position (sensor block not decoded)",
        "0xB1 login/keep-alive", "every frame confirmed with 0x21",
        "(BSJ document; command numbers and the sign bit from public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("KHD/Kaihongda trackers", "BSJ `29 29` trackers")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
