"""HuashengProtocol: the TrackerProtocol object the registry hands out; it wires the HuaSheng
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5111: traccar/traccar setup/default.xml, `huasheng.port`. detect() wants the whole
login frame (C0 ... C0 of type 0xAA02 with an IMEI): the default would also take a position
frame, which names no unit unless it carries the IMEI item.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import FLAG, MAX_FRAME_SIZE


class HuashengProtocol(TrackerProtocol):
    name: ClassVar[str] = "huasheng"
    default_port: ClassVar[int] = 5111  # traccar/traccar setup/default.xml: huasheng.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0xAA00 position (VIN, engine hours items)", "0xAA12 DTCs", "0xAA02 login",
        "0x0002 identification request (layouts from public captures only)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("HuaSheng OBD trackers (3G1 firmware)",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        if not head:
            return Detection.MORE
        if head[0] != FLAG:
            return Detection.NO
        return super().detect(head)
