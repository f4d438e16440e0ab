"""The iVT401 device side, for the simulator and round-trip tests: one `(TLN,...)` report per
fix, nothing answered. Must agree with decoding.py on the fields it writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # no login: every report carries the IMEI

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"iVT401 carries one fix per report, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        text = (
            f"(TLN,{self.unique_id},{t:%d%m%y},{t:%H%M%S},{r.latitude or 0.0:+.6f},"
            f"{r.longitude or 0.0:+.6f},{round(r.speed or 0)},{round(r.course or 0) % 360},"
            f"{round(r.altitude or 0)},{r.satellites or 0},{1 if r.valid else 0},5,000,00,0.00,"
            f"12.50,4.10,30.00,0.00,0,1.00,0,0,0,0,90)"
        )
        return text.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return (
            f"(TLB,{self.unique_id},0,0,+0.0,+0.0,0,0,0,0,0,0,000,00,0.00,12.50,4.10,30.00,"
            "0.0,1,1.00,0,0,0,1,90)".encode("ascii"),
            b"",
        )
