"""The VT200 device side, for the simulator and round-trip tests: one 0x2082 position frame
per fix, not answered; no login (every frame names the unit). Kept cheap: byte formatting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport
from fleetwire.protocols.jt600.device import record_bytes

from .constants import Type
from .framing import build

# what follows speed, course and satellites in a captured 0x2082 frame
_TAIL = bytes.fromhex("0f0000073a002000007e00")


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "631037309456"  # 12 BCD digits

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if len(unique_id) != 12 or not unique_id.isdigit():
            raise ValueError(f"a VT200 unit id is 12 digits, not {unique_id!r}")
        self._sequence = 0

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a VT200 frame carries one fix, got {len(records)} records")
        self._sequence = (self._sequence + 1) % 0x10000
        # the JT600 record: GPS block, speed, course/2, satellites (then its own zero tail)
        gps = record_bytes(records[0])[:18]
        data = b"\x01" + self._sequence.to_bytes(2, "big") + gps + _TAIL
        return build(self.unique_id, Type.POSITION, data), b""
