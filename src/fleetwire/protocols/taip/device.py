"""The TAIP device side, for the simulator and round-trip tests: no login (every sentence names
the unit), one dated GP report per fix with a message number, each waiting for its `>ACK`.
GP is the layout with a date and five-decimal coordinates; speed goes in whole mph as the unit
writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import MPH
from .sentence import acknowledgement, with_checksum


def _signed(value: float, width: int) -> str:
    scaled = round(abs(value) * 100000)
    return f"{'-' if value < 0 else '+'}{scaled:0{width}d}"


class Device(SimulatedDevice):
    example_id = "357042063052352"

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._number = 0

    def login(self) -> tuple[bytes, bytes]:
        """TAIP has no login: the first report identifies the unit."""
        return b"", b""

    def _next(self) -> str:
        self._number = (self._number + 1) % 0x8000  # the unit's range (Rinho: 0000-7FFF)
        return f"{self._number:04X}"

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        speed = min(999, round((r.speed or 0.0) / MPH))
        number = self._next()
        frame = with_checksum(
            f">RGP{t:%d%m%y%H%M%S}{_signed(r.latitude or 0.0, 7)}"
            f"{_signed(r.longitude or 0.0, 8)}{speed:03d}{round(r.course or 0) % 360:03d}"
            f"3000001;ID={self.unique_id};#{number};"
        )
        return frame, acknowledgement(number, self.unique_id)

    def heartbeat(self) -> tuple[bytes, bytes]:
        """No keep-alive is documented; an ID answer (`>RID...`, no record, no reply) stands in."""
        return with_checksum(f">RID{self.unique_id[-4:]};ID={self.unique_id};"), b""
