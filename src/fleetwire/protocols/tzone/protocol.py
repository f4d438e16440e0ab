"""TzoneProtocol: the TrackerProtocol object the registry hands out; it only wires the TZONE
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class TzoneProtocol(TrackerProtocol):
    name: ClassVar[str] = "tzone"
    # traccar/traccar setup/default.xml: <entry key='tzone.port'>5029</entry>
    default_port: ClassVar[int] = 5029
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("'$$' data (GPS, LBS, state blocks)",)
    devices: ClassVar[tuple[str, ...]] = (
        "TZ-AVL05", "TZ-AVL08", "TZ-AVL09", "TZ-AVL10", "TZ-GT08", "TZ-VN06", "TT11", "TT18",
        "TT18-4G-M",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
