"""BoxProtocol: the TrackerProtocol object the registry hands out; it wires the BOX modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5065: traccar/traccar setup/default.xml, `box.port`. The default detect() fits:
only the header `H,...` carries an identity.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class BoxProtocol(TrackerProtocol):
    name: ClassVar[str] = "box"
    default_port: ClassVar[int] = 5065  # traccar/traccar setup/default.xml: box.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "H header", "L GPS log (with A, D, T0, I, END items)", "L analog log (kept, no record)",
        "E end of upload (acknowledged A) (protocol v1.5; log fields past the event code from "
        "public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("BOX Telematics BOX-tracker",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
