"""The T55 device side, for the simulator and round-trip tests: the `$PGID,<imei>*XX` line
first, then one `$GPRMC` sentence per fix, with NMEA checksums and CR LF; nothing is answered.
Must agree with decoding.py on the fields it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text, sentence_line
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return sentence_line(f"PGID,{self.unique_id}"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"T55 carries one fix per sentence, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        body = (
            f"GPRMC,{t:%H%M%S}.000,{'A' if r.valid else 'V'},{position_text(lat, lon)},"
            f"{(r.speed or 0.0) / KNOTS:.2f},{r.course or 0.0:.2f},{t:%d%m%y},,"
        )
        return sentence_line(body), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return sentence_line(f"PGID,{self.unique_id}"), b""
