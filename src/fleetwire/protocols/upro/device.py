"""The UPRO device side, for the simulator and round-trip tests: one `*HQ200<id>,BA&A...#`
message per fix. Nothing is answered and there is no login.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice

from .constants import FLAG_EAST, FLAG_NORTH, FLAG_VALID


def _dm(value: float, width: int) -> str:
    tenths = round(abs(value) * 600000)  # 1/10000 minute
    return f"{tenths // 600000:0{width}d}{tenths % 600000:06d}"


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        return b"".join(self._message(r) for r in records), b""

    def _message(self, r: Record) -> bytes:
        if r.latitude is None or r.longitude is None:
            raise EncodeError("a UPRO message of the simulator carries a position")
        t = r.fix_time.astimezone(UTC)
        flags = (FLAG_VALID if r.valid else 0) | (FLAG_NORTH if r.latitude >= 0 else 0)
        flags |= FLAG_EAST if r.longitude >= 0 else 0
        speed = min(round((r.speed or 0) / KNOTS), 99)
        course = round((r.course or 0) / 10) % 36
        gps = (f"{t:%H%M%S}{_dm(r.latitude, 2)}{_dm(r.longitude, 3)}{flags}"
               f"{speed:02d}{course:02d}{t:%d%m%y}")  # fmt: skip
        return f"*HQ200{self.unique_id},BA&A{gps}&B0000000000#".encode("ascii")
