"""The Cellocator unit side, for the simulator and round-trip tests: Type 0 status/location
messages, one per record, each with the exact Type 4 acknowledge it waits for.

Kept fast for the load generator: messages are packed with struct, no decoding. Must agree with
decoding.py on the Type 0 layout and with inspect.py on the acknowledge.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import MAX_UNIT_ID, MessageType
from .framing import build
from .inspect import COMMAND_NUMERATOR, acknowledge

# type, unit id, communication control, numerator, hardware, software, protocol version
_HEAD: Final = struct.Struct("<BIHBBBB")
_BODY: Final = struct.Struct("<BBBBBIBBBBBHB6sHBBBBiiiIHBBBBBH")
_HARDWARE: Final = 0xDE  # the vendor example's hardware byte
_SOFTWARE: Final = 0x1F
_PROTOCOL_VERSION: Final = 4
_TIMED_EVENT: Final = 42  # an ordinary periodic report, no alarm
_IGNITION_BIT: Final = 1 << 13
_POWER_STEPS: Final = 255 / 30
_FIX: Final = 0x02


def _message(unit_id: int, numerator: int, r: Record) -> bytes:
    a = r.attributes
    io = _IGNITION_BIT if a.get("ignition") else 0
    power = min(255, round(a.get("power", 12.0) * _POWER_STEPS))
    odometer_km = int(a.get("odometer", 0)) // 1000 & 0xFFFFFF
    t = r.fix_time
    head = _HEAD.pack(MessageType.STATUS, unit_id, 0, numerator, _HARDWARE, _SOFTWARE,
                      _PROTOCOL_VERSION)  # fmt: skip
    body = _BODY.pack(
        0, 0, 0, _TIMED_EVENT, 0, io, 0, power, 0, 0, 0, odometer_km & 0xFFFF, odometer_km >> 16,
        bytes(6), 0, 0, 4, _FIX if r.valid else 0, r.satellites or 0,
        round(math.radians(r.longitude or 0.0) * 1e8), round(math.radians(r.latitude or 0.0) * 1e8),
        round((r.altitude or 0.0) * 100), round((r.speed or 0.0) / 0.036),
        round(math.radians(r.course or 0.0) * 1000), t.second, t.minute, t.hour, t.day, t.month,
        t.year,
    )  # fmt: skip
    return build(head + body)


class Device(SimulatedDevice):
    example_id = "549765"  # the unit of the vendor's "Practical Examples" Type 0 message

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._unit = int(unique_id)
        if not 0 <= self._unit <= MAX_UNIT_ID:
            raise EncodeError(f"unit id {unique_id} does not fit 32 bits")
        self._numerator = 0

    def login(self) -> tuple[bytes, bytes]:
        """Cellocator has no login: every message carries the unit id."""
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One Type 0 message per record, glued, and their acknowledges in order."""
        frames: list[bytes] = []
        acks: list[bytes] = []
        for r in records:
            numerator = self._numerator
            self._numerator = (numerator + 1) & 0xFF
            frames.append(_message(self._unit, numerator, r))
            acks.append(acknowledge(self._unit, numerator, COMMAND_NUMERATOR))
        return b"".join(frames), b"".join(acks)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""  # units report on a timer instead
