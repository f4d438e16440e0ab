"""The GoTop device side, for the simulator and round-trip tests: one `CMD-T` message per fix
and `CMD-X` keep-alives, ended `#` and CR LF, nothing answered. Must agree with decoding.py.

The line end after `#` (which the framing keeps with the message) lets the shared auto port
tell these messages at once from protocols whose first lines also open with digits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # no login: every message starts with the IMEI

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"GoTop carries one fix per message, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        text = (
            f"{self.unique_id},CMD-T,{'A' if r.valid else 'V'},DATE:{t:%y%m%d},TIME:{t:%H%M%S},"
            f"LAT:{abs(lat):.7f}{'N' if lat >= 0 else 'S'},"
            f"LOT:{abs(lon):.7f}{'E' if lon >= 0 else 'W'},Speed:{r.speed or 0.0:05.1f},"
            "84-20,000#\r\n"
        )
        return text.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"{self.unique_id},CMD-X#\r\n".encode("ascii"), b""
