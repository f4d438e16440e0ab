"""The PT502 device side, for the simulator and round-trip tests: no login (every report names
the unit), one `$POS` simplified frame per fix, several fixes in one full frame; nothing is
ever answered. Kept cheap: string formatting only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice

from .constants import IGNITION_INPUT
from .framing import wrap


class Device(SimulatedDevice):
    example_id = "865328026243864"

    def login(self) -> tuple[bytes, bytes]:
        """PT502 has no login: the first report identifies the unit."""
        return b"", b""

    def _message(self, r: Record) -> str:
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        inputs = ["0"] * 5
        if r.attributes.get("ignition"):
            inputs[IGNITION_INPUT - 1] = "1"
        odometer = r.attributes.get("odometer", 0)
        return (
            f"$POS,{self.unique_id},{t:%H%M%S}.{t.microsecond // 1000:03d},"
            f"{'A' if r.valid else 'V'},{position_text(lat, lon)},{(r.speed or 0.0) / KNOTS:.2f},"
            f"{r.course or 0:.2f},{t:%d%m%y},,,A/{''.join(inputs)},00000/0/{int(odometer)}//\r\n"
        )

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One record: a simplified frame; several: one full frame holding them all."""
        if not records:
            return self.heartbeat()
        body = "".join(self._message(r) for r in records).encode("ascii")
        return (body if len(records) == 1 else wrap(body)), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """No keep-alive message is documented; the firmware report stands in for one."""
        return f"$FUS{self.unique_id},510-V1.12,A11-V3.0\r\n".encode("ascii"), b""
