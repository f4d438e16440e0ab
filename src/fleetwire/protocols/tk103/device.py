"""The TK103 device side, for the simulator and round-trip tests: the BP05 login (answered
AP05), one BR00 feedback per fix (unanswered), BP00 handshakes (answered AP01HSO).

Kept cheap: string formatting only. Must agree with inspect.py on the replies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import HANDSHAKE_REPLY, LOGIN_REPLY

# date 000000, V, zero coordinates, speed, time, course, io, mileage
_NO_FIX = "000000V0000.0000N00000.0000E000.0000000000.0000000000L00000000"


def gps_block(r: Record) -> str:
    t = r.fix_time.astimezone(UTC)
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    odometer = int(r.attributes.get("odometer", 0))
    return (
        f"{t:%y%m%d}{'A' if r.valid else 'V'}{position_text(lat, lon, '')}"
        f"{min(r.speed or 0.0, 999.9):05.1f}{t:%H%M%S}"
        f"{r.course or 0.0:06.2f}00000000L{odometer:08X}"
    )


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "013612345678"  # the documented id: 12 characters

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)

    def _reply(self, word: str) -> bytes:
        return f"({self.unique_id}{word})".encode("ascii")

    def login(self) -> tuple[bytes, bytes]:
        """BP05 with "000" + the id as its identity field and an empty (invalid) fix."""
        body = f"000{self.unique_id[-12:]:0>12}{_NO_FIX}"
        return f"({self.unique_id}BP05{body})".encode("ascii"), self._reply(LOGIN_REPLY)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One BR00 feedback for one record; an empty report is a handshake."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"TK103 carries one fix per frame, got {len(records)} records")
        return f"({self.unique_id}BR00{gps_block(records[0])})".encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        frame = f"({self.unique_id}BP00000{self.unique_id[-12:]:0>12}HSO)".encode("ascii")
        return frame, self._reply(HANDSHAKE_REPLY)
