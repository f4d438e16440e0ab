"""The GPS103 device side, for the simulator and round-trip tests: the `##` logon (answered
LOAD), one `tracker` report per fix (unanswered), `<IMEI>;` heartbeats (answered ON).

The unit's local clock field is written in UTC (a unit configured for GMT+0), so the decoder's
local/UTC correction is a no-op. Kept cheap: string formatting only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import HEARTBEAT_REPLY, LOGON_REPLY


def _flag(value: object) -> str:
    return "" if value is None else ("1" if value else "0")


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)

    def login(self) -> tuple[bytes, bytes]:
        return f"##,imei:{self.unique_id},A;".encode("ascii"), LOGON_REPLY

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One report for one record; an empty report is a heartbeat."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"GPS103 carries one fix per message, got {len(records)} records")
        r = records[0]
        a = r.attributes
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        alt = "" if r.altitude is None else f"{r.altitude:.1f}"
        line = (
            f"imei:{self.unique_id},tracker,{t:%y%m%d%H%M%S},,F,{t:%H%M%S}.000,"
            f"{'A' if r.valid else 'V'},{position_text(lat, lon)},{(r.speed or 0.0) / KNOTS:.2f},"
            f"{r.course or 0:.2f},{alt},{_flag(a.get('ignition'))},{_flag(a.get('door'))},,,;"
        )
        return line.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"{self.unique_id};".encode("ascii"), HEARTBEAT_REPLY
