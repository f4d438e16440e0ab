"""The TRV device side, for the simulator and round-trip tests: the login `TRVAP00<IMEI>#`
(answered with the platform's clock) and one `TRVAP01` location per fix (answered
`TRVBP01#`). Must agree with inspect.py on the answers and decoding.py on the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols.base import SimulatedDevice

from .inspect import login_answer


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return f"TRVAP00{self.unique_id}#".encode("ascii"), login_answer("TRV", 0)

    def accepts(self, expected: bytes, got: bytes) -> bool:
        """The login answer carries the platform's clock: any time in the same shape."""
        if expected != login_answer("TRV", 0):
            return got == expected
        return len(got) == len(expected) and got[:8] == expected[:8] and got[-3:] == b",0#"

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"TRV carries one fix per message, got {len(records)}")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        text = (
            f"TRVAP01{t:%y%m%d}{'A' if r.valid else 'V'}{position_text(lat, lon, '')}"
            f"{min(r.speed or 0.0, 999.9):05.1f}{t:%H%M%S}{(r.course or 0.0) % 360:06.2f}"
            f"{80:03d}{r.satellites or 0:03d}{100:03d}000102,460,0,9520,3671#"
        )
        return text.encode("ascii"), b"TRVBP01#"

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"TRVCP01,08000810000102#", b"TRVDP01#"
