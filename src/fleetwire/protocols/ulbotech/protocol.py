"""UlbotechProtocol: the TrackerProtocol object the registry hands out; it wires the Ulbotech
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5072: traccar/traccar setup/default.xml, `ulbotech.port`. The default detect()
fits: a frame must open with F8 01 or `*TS`, pass its CRC or text checks and carry an IMEI.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class UlbotechProtocol(TrackerProtocol):
    name: ClassVar[str] = "ulbotech"
    default_port: ClassVar[int] = 5072  # traccar/traccar setup/default.xml: ulbotech.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "binary data frame (GPS, LBS, STT status/alarm, MGR mileage, ADC, OBD, OBD alarm, fuel, "
        "harsh driving, VIN, RFID, event blocks)",
        "text heartbeat", "text data (GPS, STT, MGR, ADC)", "text command answer",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("T301", "T356", "T361", "T363", "T371", "T381")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
