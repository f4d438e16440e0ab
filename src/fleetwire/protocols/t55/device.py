"""The T55 device side, for the simulator and round-trip tests: the `$PGID,<imei>*XX` line
first, then one `$GPRMC` sentence per fix, with NMEA checksums and CR LF; nothing is answered.
Must agree with decoding.py on the fields it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._binary import xor8
from fleetwire.protocols._nmea import KNOTS
from fleetwire.protocols._nmea import degrees_minutes as _dm
from fleetwire.protocols.base import SimulatedDevice


def _sentence(body: str) -> bytes:
    return f"${body}*{xor8(body.encode('ascii')):02X}\r\n".encode("ascii")


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return _sentence(f"PGID,{self.unique_id}"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"T55 carries one fix per sentence, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        body = (
            f"GPRMC,{t:%H%M%S}.000,{'A' if r.valid else 'V'},{_dm(lat, 2)},"
            f"{'N' if lat >= 0 else 'S'},{_dm(lon, 3)},{'E' if lon >= 0 else 'W'},"
            f"{(r.speed or 0.0) / KNOTS:.2f},{r.course or 0.0:.2f},{t:%d%m%y},,"
        )
        return _sentence(body), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return _sentence(f"PGID,{self.unique_id}"), b""
