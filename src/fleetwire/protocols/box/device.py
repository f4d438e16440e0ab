"""The BOX device side, for the simulator and round-trip tests: the header `H,BT,<serial>,...`
first (no answer), then one GPS log line per fix (no answer) and `E,<n>` as heartbeat, answered
`A,<n>`."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

END = b"\r\n"
STAMP = "260101000000"


def security_token(serial: str, stamp: str, password: str = "password") -> str:
    """The header's token: CRC-32 of serial, date-time and the shared password (document 3)."""
    return f"{zlib.crc32(f'{serial}{stamp}{password}'.encode('ascii')):08X}"


class Device(SimulatedDevice):
    _uploads = 0

    def login(self) -> tuple[bytes, bytes]:
        token = security_token(self.unique_id, STAMP)
        return f"H,BT,{self.unique_id},{STAMP},{token},6D6E6DC2".encode("ascii") + END, b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if len(records) > 1:
            raise EncodeError(f"a BOX log line carries one fix, got {len(records)}")
        if not records:
            return self.heartbeat()
        r = records[0]
        line = (
            f"L,{r.fix_time.astimezone(UTC):%y%m%d%H%M%S},G,{r.latitude or 0.0:.5f},"
            f"{r.longitude or 0.0:.5f},{round(r.speed or 0)},{round(r.course or 0) % 360},0,1,0"
        )
        return line.encode("ascii") + END, b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        self._uploads += 1
        return f"E,{self._uploads}".encode("ascii") + END, f"A,{self._uploads}\r".encode("ascii")
