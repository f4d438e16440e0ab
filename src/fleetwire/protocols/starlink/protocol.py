"""StarLinkProtocol: the TrackerProtocol object the registry hands out; it wires the StarLink
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5136: traccar/traccar src/main/java/org/traccar/config/PortConfigSuffix.java,
`starlink` (newer than setup/default.xml's list, which ends before it). The default detect()
fits: a report must open with `$SLU` and pass its checksum.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class StarLinkProtocol(TrackerProtocol):
    name: ClassVar[str] = "starlink"
    default_port: ClassVar[int] = 5136  # traccar PortConfigSuffix.java: starlink
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "event report in the default format or the configured one (decode option 'format')",
        "tags from flespi's public description, layouts checked on public captures",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("ERM StarLink Tracker", "ERM StarLink Tracker SF")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
