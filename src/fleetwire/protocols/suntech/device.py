"""The Suntech device side, for the simulator and round-trip tests: ST300 STT status reports
(one fix each) and ALV keep-alives, neither answered by the server. Kept fast for the load
generator: string formatting only. Must agree with inspect.py (no replies).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

MODEL = "04"  # ST300H in the ST310U manual's model table
SW_VERSION = "564"


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._number = 0

    def login(self) -> tuple[bytes, bytes]:
        """Suntech has no login: a connection starts with a keep-alive or a report."""
        return self.heartbeat()

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"ST300ALV;{self.unique_id}\r".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One ST300STT for one record; an empty report is a keep-alive."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a Suntech report carries one fix, got {len(records)}")
        rec = records[0]
        a = rec.attributes
        self._number = self._number % 9999 + 1
        t = rec.fix_time.astimezone(UTC)
        io = "".join(
            "1" if a.get(k) else "0" for k in ("ignition", "in1", "in2", "in3", "out1", "out2")
        )
        hours = round(a.get("hours", 0) / 60_000)
        frame = (
            f"ST300STT;{self.unique_id};{MODEL};{SW_VERSION};{t:%Y%m%d;%H:%M:%S};0;"
            f"{rec.latitude or 0:+010.6f};{rec.longitude or 0:+011.6f};{rec.speed or 0:07.3f};"
            f"{rec.course or 0:06.2f};{rec.satellites or 0};{1 if rec.valid else 0};"
            f"{a.get('odometer', 0)};{a.get('power', 0):.2f};{io};1;{self._number:04d};"
            f"{hours:06d};{a.get('battery', 0):.1f};{0 if a.get('archive') else 1}\r"
        )
        return frame.encode("ascii"), b""
