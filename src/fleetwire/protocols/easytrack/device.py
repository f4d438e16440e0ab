"""The EasyTrack device side, for the simulator and round-trip tests: every message carries
the IMEI; one `DW` report per fix and an `MQ` as heartbeat; nothing is answered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

from .constants import COORD_SIGN, COURSE_SCALE, MINUTES, SPEED_SCALE


def _coordinate(value: float) -> str:
    return f"{round(abs(value) * MINUTES) | (COORD_SIGN if value < 0 else 0):08X}"


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return self.heartbeat()

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"*ET,{self.unique_id},MQ#".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if len(records) > 1:
            raise EncodeError(f"an EasyTrack report carries one fix, got {len(records)}")
        if not records:
            return self.heartbeat()
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        text = (
            f"*ET,{self.unique_id},DW,{'A' if r.valid else 'V'},"
            f"{t.year - 2000:02X}{t.month:02X}{t.day:02X},{t.hour:02X}{t.minute:02X}{t.second:02X},"
            f"{_coordinate(r.latitude or 0.0)},{_coordinate(r.longitude or 0.0)},"
            f"{round((r.speed or 0) / SPEED_SCALE):04X},"
            f"{round((r.course or 0) % 360 / COURSE_SCALE):04X},00000000,20,4,0000,000000#"
        )
        return text.encode("ascii"), b""
