"""CalAmpProtocol: the TrackerProtocol object the registry hands out; it only wires the LM
Direct modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

UDP only, the guide's transport: no length-prefixed TCP framing is documented for LM Direct.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class CalAmpProtocol(TrackerProtocol):
    name: ClassVar[str] = "calamp"
    default_port: ClassVar[int] = 5082  # traccar/traccar setup/default.xml: calamp.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "Event Report", "Mini Event Report", "User Data", "ID Report (identity only)",
        "Null", "Acknowledge",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("LMU-2630", "LMU-3030", "LMU-4230", "TTU-720")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
