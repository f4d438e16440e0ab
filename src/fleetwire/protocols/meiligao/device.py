"""The Meiligao device side, for the simulator and round-trip tests: the 0x5000 login (answered
with 0x4000), one 0x9955 report per fix (not answered).

Kept fast for the load generator: the position text is one f-string. Must agree with inspect.py
on which frames are answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols import _nmea
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import DEVICE_START, SERVER_START
from .constants import MessageType as M
from .framing import build_frame, encode_id


def position_text(rec: Record) -> str:
    t = rec.fix_time.astimezone(UTC)
    lat = rec.latitude or 0.0
    lon = rec.longitude or 0.0
    sentence = (
        f"{t:%H%M%S}.000,{'A' if rec.valid else 'V'},{_nmea.position_text(lat, lon)},"
        f"{(rec.speed or 0) / KNOTS:.2f},{rec.course or 0:.0f},{t:%d%m%y},,,A"
    )
    a = rec.attributes
    cell = ""
    if "mcc" in a:
        cell = f"{a['mcc']:04X}{a['mnc']:04X}{a['lac']:04X}{a['cid']:08X}"
    return (
        f"{_nmea.checksummed(sentence)}|{a.get('hdop', 1.0)}|{rec.altitude or 0:.0f}|"
        f"{a.get('status', 0):04X}|0000,0000|{cell}|{a.get('rssi', 0):02X}|"
        f"{a.get('odometer', 0):08X}|{rec.satellites or 0:02X}"
    )


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "13612345678"  # ids are up to 14 digits (7 BCD bytes)

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._id = encode_id(unique_id)

    def login(self) -> tuple[bytes, bytes]:
        frame = build_frame(DEVICE_START, self._id, M.LOGIN, b"")
        return frame, build_frame(SERVER_START, self._id, M.LOGIN_REPLY, b"\x01")

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One 0x9955 frame per fix (not answered); an empty report is a heartbeat."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"Meiligao carries one fix per frame, got {len(records)} records")
        text = position_text(records[0]).encode("ascii")
        return build_frame(DEVICE_START, self._id, M.POSITION, text), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """V2.1 has no keep-alive message of its own; devices repeat the login."""
        return self.login()
