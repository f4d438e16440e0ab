"""The AIS-140 device side, for the simulator and round-trip tests: the login `$LGN,...*`, one
normal tracking packet (`NR`, alert 01, live) per fix and health packets, none of them answered.
Must agree with decoding.py on the fields it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import sentence_line
from fleetwire.protocols.base import SimulatedDevice, Transport

_VENDOR = "FLEETWIRE"
_FIRMWARE = "1.0"
_REG = "KA01AB1234"


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._frame = 0

    def login(self) -> tuple[bytes, bytes]:
        text = f"LGN,{_REG},{self.unique_id},{_FIRMWARE},AIS140,0.000000,0.000000"
        return sentence_line(text), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"AIS-140 carries one fix per packet, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        ignition = 1 if r.attributes.get("ignition") else 0
        self._frame = self._frame % 999999 + 1
        text = (
            f"NRM,{_VENDOR},{_FIRMWARE},NR,01,L,{self.unique_id},{_REG},{1 if r.valid else 0},"
            f"{t:%d%m%Y},{t:%H%M%S},{abs(lat):.6f},{'N' if lat >= 0 else 'S'},"
            f"{abs(lon):.6f},{'E' if lon >= 0 else 'W'},{r.speed or 0.0:.1f},"
            f"{r.course or 0.0:.2f},{r.satellites or 0},{r.altitude or 0.0:.1f},1.0,0.8,"
            f"Airtel,{ignition},1,12.5,4.1,0,C,24,404,45,61B4,9AD9,0000,00,{self._frame:06d}"
        )
        return sentence_line(text), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        text = f"HBT,{_VENDOR},{_FIRMWARE},{self.unique_id},100,20,5,10,60,0000,0.0"
        return sentence_line(text), b""
