"""The KHD device side, for the simulator and round-trip tests: one 0x80 report per fix and
0xB1 heartbeats, each confirmed with 0x21. There is no login: every frame names the unit.
Kept cheap: BCD digits by string formatting, no decoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import STATUS_FIX, Command
from .framing import build, pseudo_ip
from .inspect import confirmation

# mileage(3) and status words(4), as a captured 0x80 report ends (after the status byte)
_TAIL = bytes.fromhex("ff000002fc0000001e780b12000034")


def _coordinate(value: float) -> bytes:
    thousandths = round(abs(value) * 60000)  # thousandths of a minute
    degrees, minutes = divmod(thousandths, 60000)
    raw = bytearray.fromhex(f"{degrees:03d}{minutes:05d}")
    if value < 0:
        raw[0] |= 0x80
    return bytes(raw)


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "37064986"  # the unit number the pseudo-IP carries

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if len(unique_id) != 8 or not unique_id.isdigit():
            raise ValueError(f"a KHD unit number is 8 digits, not {unique_id!r}")
        self._ip = pseudo_ip(unique_id)

    def _frame(self, command: int, params: bytes = b"") -> tuple[bytes, bytes]:
        frame = build(command, self._ip + params)
        return frame, confirmation(frame[-2], command)

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._frame(Command.LOGIN)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a KHD report carries one fix, got {len(records)} records")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        speed = min(round(r.speed or 0.0), 9999)
        course = round(r.course or 0.0) % 360
        params = (
            bytes.fromhex(f"{t:%y%m%d%H%M%S}")
            + _coordinate(r.latitude or 0.0)
            + _coordinate(r.longitude or 0.0)
            + bytes.fromhex(f"{speed:04d}{course:04d}")
            + bytes((0x7F | (STATUS_FIX if r.valid else 0),))
            + _TAIL
        )
        return self._frame(Command.POSITION, params)
