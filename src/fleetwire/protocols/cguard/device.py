"""The CGuard device side, for the simulator and round-trip tests: `IDRO:<IMEI>` first, then
one `NV` line per fix and a `BC` line as heartbeat; nothing is answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

END = b"\r\n"


def _line(r: Record) -> str:
    t = r.fix_time.astimezone(UTC)
    hdop = r.attributes.get("hdop")
    return (
        f"NV:{t:%y%m%d %H%M%S}:{r.latitude or 0.0:.6f}:{r.longitude or 0.0:.6f}:"
        f"{r.speed or 0:.2f}:{'NAN' if hdop is None else hdop}:{r.course or 0:.2f}:"
        f"{r.altitude or 0:.1f}"
    )


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return f"IDRO:{self.unique_id}".encode("ascii") + END, b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if len(records) > 1:
            raise EncodeError(f"a CGuard line carries one fix, got {len(records)}")
        if not records:
            return self.heartbeat()
        return _line(records[0]).encode("ascii") + END, b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"PING" + END, b""
