"""The Mobilogix device side, for the simulator and round-trip tests: a T1 login answered
`[<time>,S1,1]`, then one T3 location message per fix, each answered `[<time>,S3]`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

_LOGIN_TIME = datetime(2026, 1, 1, tzinfo=UTC)


class Device(SimulatedDevice):
    example_id = "201951132044"

    def login(self) -> tuple[bytes, bytes]:
        t = f"{_LOGIN_TIME:%Y-%m-%d %H:%M:%S}"
        frame = f"[{t},T1,1,V1.3.9,{self.unique_id},,89551805000569843546,12345678,,]"
        return frame.encode("ascii"), f"[{t},S1,1]".encode("ascii")

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        r = records[0]
        t = f"{r.fix_time.astimezone(UTC):%Y-%m-%d %H:%M:%S}"
        gps = f"{min(r.satellites or 0, 9)}5{1 if r.valid else 0}"
        frame = (
            f"[{t},T3,1,V1.3.9,{self.unique_id},3F,12.50,{gps},{r.latitude or 0.0:.6f},"
            f"{r.longitude or 0.0:.6f},{round(r.speed or 0)},{round(r.course or 0) % 360}]"
        )
        return frame.encode("ascii"), f"[{t},S3]".encode("ascii")

    def heartbeat(self) -> tuple[bytes, bytes]:
        t = f"{_LOGIN_TIME:%Y-%m-%d %H:%M:%S}"
        frame = f"[{t},T14,1,V1.3.9,{self.unique_id},3F,12.50]"
        return frame.encode("ascii"), f"[{t},S14]".encode("ascii")
