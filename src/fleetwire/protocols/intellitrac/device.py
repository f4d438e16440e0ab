"""The IntelliTrac device side, for the simulator and round-trip tests: one report line per
fix, not answered; no login (every line names the unit). Kept cheap: string formatting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "1010000002"

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        lines = []
        for r in records:
            lines.append(
                f"{self.unique_id},{r.fix_time.astimezone(UTC):%Y%m%d%H%M%S},"
                f"{r.longitude or 0.0:.6f},{r.latitude or 0.0:.6f},{round(r.speed or 0.0)},"
                f"{round(r.course or 0.0) % 360},{round(r.altitude or 0.0)},"
                f"{r.satellites if r.satellites is not None else (7 if r.valid else 0)},"
                "0,0,0,0.000,0.000\r\n"
            )
        return "".join(lines).encode("ascii"), b""
