"""The Tramigo device side, for the simulator and round-trip tests: no login (every 0x80 frame
names the unit), one "Moving" report text per fix, nothing answered."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

from .constants import COMPASS, END_TEXT, MONTHS, TEXT, TEXT_HEADER


def _compass(course: float) -> str:
    return min(COMPASS, key=lambda k: min(abs(COMPASS[k] - course), 360 - abs(COMPASS[k] - course)))


class Device(SimulatedDevice):
    example_id = "93877507"

    def login(self) -> tuple[bytes, bytes]:
        """Tramigo has no login: the first report identifies the unit."""
        return b"", b""

    def _frame(self, text: str, time: int, number: int) -> bytes:
        body = text.encode("latin-1")
        header = struct.pack("<BBHHHHHII", TEXT, 0, number, 0xB0, TEXT_HEADER + len(body), 0x101,
                             0, int(self.unique_id), time)  # fmt: skip
        return header + body

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        text = (
            f"Tramigo: Moving, 0.10 km N of Somewhere, {r.latitude or 0.0:.5f}, "
            f"{r.longitude or 0.0:.5f}, {_compass(r.course or 0.0)} with speed "
            f"{round(r.speed or 0.0)} km/h, {t:%H:%M:%S} {MONTHS[t.month - 1]} {t.day}  {END_TEXT}"
        )
        return self._frame(text, int(t.timestamp()), t.second), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._frame(f"ping {END_TEXT}", 1_700_000_000, 0), b""
