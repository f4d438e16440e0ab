"""The Mictrack device side, for the simulator and round-trip tests: one standard GPS report
`MT;6;<IMEI>;R0;...` per fix and RH heartbeats, CR LF ended, nothing answered. Must agree with
decoding.py on the fields it writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

_EVENT, _MILLIVOLTS = 10, 3900


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # no login: every report carries the IMEI

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"Mictrack carries one fix per report, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        text = (
            f"MT;6;{self.unique_id};R0;{_EVENT}+{t:%y%m%d%H%M%S}+{r.latitude or 0.0:.6f}+"
            f"{r.longitude or 0.0:.6f}+{r.speed or 0.0:.2f}+{round(r.course or 0) % 360}+"
            f"{r.satellites or 0}+{_MILLIVOLTS}+100\r\n"
        )
        return text.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        line = f"MT;5;{self.unique_id};RH;5+260101000000+0+0+0+0+0+{_MILLIVOLTS}+1\r\n"
        return line.encode("ascii"), b""
