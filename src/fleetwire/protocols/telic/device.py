"""The Telic device side, for the simulator and round-trip tests: the `|` connect message, then
one NUL-terminated report per fix (coordinates in 1/1000000 degree). Nothing is answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

_TIMER_EVENT = 99  # the event code of most captured periodic reports


def _micro(value: float, digits: int) -> str:
    n = round(value * 1e6)
    return f"{'-' if n < 0 else ''}{abs(n):0{digits}d}"


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return f"0026{self.unique_id}|262|02|001002008\0".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        return b"".join(self._line(i, r) for i, r in enumerate(records)), b""

    def _line(self, i: int, r: Record) -> bytes:
        if r.latitude is None or r.longitude is None:
            raise EncodeError("a Telic report of the simulator carries a position")
        t = f"{r.fix_time.astimezone(UTC):%d%m%y%H%M%S}"
        course = round(r.course or 0) % 360
        fields = [
            f"{i % 100:02d}20{self.unique_id}{_TIMER_EVENT}", t, "0", t,
            _micro(r.longitude, 9), _micro(r.latitude, 8), "3" if r.valid else "0",
            str(round(r.speed or 0)), str(course), str(r.satellites or 0), "", "",
            str(round(r.altitude or 0)), "0", "", "0000", "00", "0", "0", "0", "0406",
        ]  # fmt: skip
        return (",".join(fields) + "\0").encode("ascii")

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self.login()
