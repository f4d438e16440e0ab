"""The WondeX device side, for the simulator and round-trip tests: the binary heartbeat first
(echoed; it names the unit, and unlike a report line it cannot be mistaken for another text
protocol on the shared auto port), then one VT300 report line per fix (report id 0), unanswered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

from .constants import HEARTBEAT


class Device(SimulatedDevice):
    example_id = "2000000108"

    def login(self) -> tuple[bytes, bytes]:
        """WondeX has no login; the heartbeat opens the connection."""
        return self.heartbeat()

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        line = (
            f"{self.unique_id},{t:%Y%m%d%H%M%S},{r.longitude or 0.0:.6f},{r.latitude or 0.0:.6f},"
            f"{round(r.speed or 0)},{round(r.course or 0) % 360},{round(r.altitude or 0)},"
            f"{r.satellites or 0},0,0.0,0,0.00,0.00\r\n"
        )
        return line.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        frame = bytes((HEARTBEAT, 0xD7, 0x0B, 0x00)) + int(self.unique_id).to_bytes(4, "little")
        return frame, frame
