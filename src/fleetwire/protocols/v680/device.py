"""The V680 device side, for the simulator and round-trip tests: one `AUT` report per fix
(degrees and minutes, knots), a report without a fix as heartbeat; nothing is answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols._nmea import coordinate_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return self.heartbeat()

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"#{self.unique_id}##0#0000#AUT#0##".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        fixes = []
        for r in records:
            lat, lon = r.latitude or 0.0, r.longitude or 0.0
            t = r.fix_time.astimezone(UTC)
            fixes.append(
                f"{'' if r.valid else 'V#'}{coordinate_text(lon, 3, 'EW')},"
                f"{coordinate_text(lat, 2, 'NS')},{(r.speed or 0) / KNOTS:.2f},"
                f"{r.course or 0:.2f}#{t:%d%m%y}#{t:%H%M%S}"
            )
        if len(fixes) > 99:
            raise EncodeError("a V680 report holds at most 99 fixes")
        text = f"#{self.unique_id}##1#0000#AUT#{len(fixes):02d}#{'#'.join(fixes)}##"
        return text.encode("ascii"), b""
