"""TotemProtocol: the TrackerProtocol object the registry hands out; it wires the Totem modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5007: `totem.port` in traccar/traccar setup/default.xml, so that units pointed at
that server's numbering need no reconfiguration.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class TotemProtocol(TrackerProtocol):
    name: ClassVar[str] = "totem"
    default_port: ClassVar[int] = 5007
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "$GPRMC report (AVL02/AVL-08 layout, every alarm type)",
        "no-fix report",
        "compact report without $GPRMC (time and fix, from captures)",
        "AT07/AT09 fixed-width report, E5 report (time and fix, from captures)",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "Totem AT03", "Totem AT05", "Totem AT07", "Totem AT09", "AVL02", "AVL-08",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
