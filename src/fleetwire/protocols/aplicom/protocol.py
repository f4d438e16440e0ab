"""AplicomProtocol: the TrackerProtocol object the registry hands out; it wires the Aplicom
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5049: traccar/traccar setup/default.xml, `aplicom.port`. detect() is stricter than
the default, which would take any packet-sized run of bytes opening with D/E/F/H: the first
packet must carry the IMEI form of the id (15 digits) and a selector, as current units send.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import HAS_SELECTOR, IMEI_ID, MAX_FRAME_SIZE, PacketType

_MIN_IMEI = 10**14


class AplicomProtocol(TrackerProtocol):
    name: ClassVar[str] = "aplicom"
    default_port: ClassVar[int] = 5049  # traccar/traccar setup/default.xml: aplicom.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "D versions 1-3, 3-byte or IMEI id, with or without a selector (event, time, GPS, "
        "speed, I/O, ADC, power, pulse counters, trips, driver id, altitude)",
        "E tachograph (speed, odometer, trip, RPM, VIN, registration, driver cards)",
        "F CAN (event, time)", "H histogram (event, time)",
        "layouts from public captures only (the vendor document could not be read)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Aplicom A1", "Aplicom A9", "Aplicom A11", "TC65")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)

    def detect(self, head: bytes) -> Detection:
        if len(head) < 2:
            return Detection.MORE if not head or head[0] == PacketType.D else Detection.NO
        if head[0] != PacketType.D or head[1] & (IMEI_ID | HAS_SELECTOR) != IMEI_ID | HAS_SELECTOR:
            return Detection.NO
        if len(head) >= 9 and int.from_bytes(head[2:9], "big") < _MIN_IMEI:
            return Detection.NO
        return super().detect(head)
