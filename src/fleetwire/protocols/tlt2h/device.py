"""The TLT-2H device side, for the simulator and round-trip tests: one message per report, a
`$GPRMC` line per fix, closed by `##`. Nothing is answered and there is no login.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice


def _line(r: Record) -> str:
    if r.latitude is None or r.longitude is None:
        raise EncodeError("a TLT-2H record line of the simulator carries a position")
    t = r.fix_time.astimezone(UTC)
    return (
        f"#25ee0dff$GPRMC,{t:%H%M%S}.000,{'A' if r.valid else 'V'},"
        f"{position_text(r.latitude, r.longitude)},"
        f"{(r.speed or 0) / KNOTS:.2f},{r.course or 0:.2f},{t:%d%m%y},,,A*00\r\n"
    )


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # every message carries the IMEI

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return b"", b""
        head = f"#{self.unique_id}#V500#0000#AUTO#{len(records)}\r\n"
        return (head + "".join(_line(r) for r in records) + "##").encode("ascii"), b""
