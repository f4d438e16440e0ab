"""The Aplicom device side, for the simulator and round-trip tests: one D packet per fix (IMEI
id, selector: event, time, GPS, speed, altitude). The protocol has no login and no replies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

from .constants import GPS_VALID, MICRODEGREES, PacketType, Sel
from .framing import build

_SELECTOR = 0x03 | Sel.TIME | Sel.GPS | Sel.SPEED | Sel.ALTITUDE  # 0x03: event id and info
_EVENT_TIMER = 0  # a periodic report


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # every packet carries the IMEI

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        frames = [self._packet(r) for r in records]
        return b"".join(frames), b""

    def _packet(self, r: Record) -> bytes:
        if r.latitude is None or r.longitude is None:
            raise EncodeError("an Aplicom D packet of the simulator carries a position")
        t = int(r.fix_time.astimezone(UTC).timestamp())
        flags = 0x80 | (GPS_VALID if r.valid else 0)
        data = (
            bytes((_EVENT_TIMER, 0, flags))
            + t.to_bytes(4, "big")
            + t.to_bytes(4, "big")
            + round(r.latitude * MICRODEGREES).to_bytes(4, "big", signed=True)
            + round(r.longitude * MICRODEGREES).to_bytes(4, "big", signed=True)
            + bytes((r.satellites or 0, min(round(r.speed or 0), 250)))
            + bytes((min(round(r.speed or 0), 250), round((r.course or 0) / 2) % 180))
            + round(r.altitude or 0).to_bytes(2, "big", signed=True)
        )
        return build(PacketType.D, self.unique_id, _SELECTOR, data)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""
