"""EasyTrackProtocol: the TrackerProtocol object the registry hands out; it wires the
EasyTrack modules (framing, inspect, decoding) to the shared contract and holds no state.

Default port 5056: traccar/traccar setup/default.xml, `easytrack.port`. The default detect()
fits: every message opens with `*ET,` and carries the IMEI.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class EasyTrackProtocol(TrackerProtocol):
    name: ClassVar[str] = "easytrack"
    default_port: ClassVar[int] = 5056  # traccar/traccar setup/default.xml: easytrack.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "DW position", "HB heartbeat with position", "JZ serving cell",
        "MQ, TX, GZ, CC (kept, no record) (layouts from public captures only)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("EasyTrack `*ET` trackers",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
