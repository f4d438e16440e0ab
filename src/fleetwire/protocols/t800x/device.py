"""The T880x device side (a "%%" vehicle unit such as the T8806+), for the simulator and
round-trip tests: login, one 0x02 location per record (several back to back in one write),
0x03 heartbeats, each with the exact reply the vendor's server sends.

Kept fast for the load generator: struct packing and hex text only. Must agree with inspect.py.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC
from typing import Final

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import ACK_SIZE, Header, MessageType
from .framing import build_frame

# intervals ACC on/off, angle, distance, speed limit, GPS flags, g-sensor, status, heartbeat,
# relay, drag, I/O, analog 1, analog 2, alarm, status 2, mileage, battery
_HEAD: Final = struct.Struct(">HHBHHBBBBBHHHHBBIB")
_FLOATS: Final = struct.Struct("<fff")
_VERSION: Final = bytes.fromhex("141097625020")  # software 1.4.1, hardware 2.0
_VALID: Final = 0x40
_IGNITION: Final = 0x4000
_MAX_SPEED_TENTHS: Final = 9999


def _bcd(value: int, digits: int) -> bytes:
    return bytes.fromhex(f"{value:0{digits}d}")


def _content(r: Record) -> bytes:
    a = r.attributes
    t = r.fix_time.astimezone(UTC)
    flags = (_VALID if r.valid else 0) | min(r.satellites or 0, 0x1F)
    head = _HEAD.pack(
        30, 300, 15, 0, 0, flags, 0, 0, 5, 0, 0,
        _IGNITION if a.get("ignition") else 0, 0, 0, 0, 0, int(a.get("odometer", 0)), 0,
    )  # fmt: skip
    date = bytes.fromhex(t.strftime("%y%m%d%H%M%S"))
    fix = _FLOATS.pack(r.altitude or 0.0, r.longitude or 0.0, r.latitude or 0.0)
    speed = _bcd(min(round((r.speed or 0.0) * 10), _MAX_SPEED_TENTHS), 4)
    azimuth = (round(r.course or 0) % 360).to_bytes(2, "big")
    power = _bcd(min(round(a.get("power", 0.0) * 100), 9999), 4)
    return head + date + fix + speed + azimuth + power


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if not unique_id.isdigit() or len(unique_id) > 15:
            raise ValueError(f"a T880x IMEI is up to 15 digits, not {unique_id!r}")
        self._serial = 0

    def _next(self) -> int:
        self._serial = (self._serial + 1) & 0xFFFF
        return self._serial

    def _frame(self, kind: int, content: bytes = b"") -> tuple[bytes, bytes]:
        frame = build_frame(Header.VEHICLE, kind, self._next(), self.unique_id, content)
        reply = frame[:3] + ACK_SIZE.to_bytes(2, "big") + frame[5:ACK_SIZE]
        return frame, reply

    def login(self) -> tuple[bytes, bytes]:
        return self._frame(MessageType.LOGIN, _VERSION)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._frame(MessageType.HEARTBEAT)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        parts = [self._frame(MessageType.LOCATION, _content(r)) for r in records]
        return b"".join(f for f, _ in parts), b"".join(a for _, a in parts)
