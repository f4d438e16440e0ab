"""The Megastek device side, for the simulator and round-trip tests: no login (every report
names the unit), one length-prefixed `$MGV002` report per fix, nothing ever answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice


class Device(SimulatedDevice):
    example_id = "860719020193193"

    def login(self) -> tuple[bytes, bytes]:
        """Megastek has no login: the first report identifies the unit."""
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        line = (
            f"$MGV002,{self.unique_id},,R,{t:%d%m%y},{t:%H%M%S},{'A' if r.valid else 'V'},"
            f"{position_text(lat, lon, decimals=5)},"
            f"00,{r.satellites or 0:02d},00,1.0,{(r.speed or 0.0) / KNOTS:.3f},"
            f"{r.course or 0:.2f},{r.altitude or 0:.1f},,460,07,262C,0F54,25,0000,0000,0,0,0,"
            ",,,10,100,Timer;!"
        )
        return f"{len(line):04d}{line}".encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """No keep-alive is documented; the A-GPS request line (no record) stands in."""
        return b"cmd=aid;user=***;pwd=***;lat=0;lon=0;pacc=1000\r\n", b""
