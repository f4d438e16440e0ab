"""CguardProtocol: the TrackerProtocol object the registry hands out; it wires the CGuard
modules (framing, inspect, decoding) to the shared contract and holds no state.

Default port 5123: traccar/traccar setup/default.xml, `cguard.port`. The default detect()
fits: only an `ID...:<id>` line carries an identity.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class CguardProtocol(TrackerProtocol):
    name: ClassVar[str] = "cguard"
    default_port: ClassVar[int] = 5123  # traccar/traccar setup/default.xml: cguard.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "IDRO login", "NV position", "BC status (CSQ1, NSQ1, NSQ2, BAT1, PWR1, CLG1)",
        "VERSION", "PING (layouts from public captures only: no vendor document)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("cGuard trackers", "Italon", "Agent GPS")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
