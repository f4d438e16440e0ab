"""The MiniFinder text device side, for the simulator and round-trip tests: the login
`!1,<imei>;` and one `!D` report per fix; the protocol acknowledges nothing. Must agree with
decoding.py on the fields it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

_FULL_BATTERY = 100


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)

    def login(self) -> tuple[bytes, bytes]:
        return f"!1,{self.unique_id};".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"MiniFinder carries one fix per message, got {len(records)}")
        r = records[0]
        a = r.attributes
        t = r.fix_time.astimezone(UTC)
        line = (
            f"!D,{t.day}/{t.month}/{t.year % 100:02d},{t:%H:%M:%S},{r.latitude or 0.0:.6f},"
            f"{r.longitude or 0.0:.6f},{r.speed or 0.0:.1f},{(r.course or 0.0) % 360:.1f},"
            f"{1 if r.valid else 0:x},{r.altitude or 0.0:.1f},"
            f"{int(a.get('batteryLevel', _FULL_BATTERY))},{r.satellites or 0},"
            f"{r.satellites or 0},{float(a.get('hdop', 0.0)):.1f};"
        )
        return line.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"!5,20,A,{_FULL_BATTERY};".encode("ascii"), b""
