"""The TZONE device side, for the simulator and round-trip tests: an AVL tracker (hardware
0x010B, the TZ-AVL captures' layout) sending one '$$' data frame per fix, each answered
`@ACK,<index>#`; heartbeats are data frames without a GPS fix and alarm type 0x88.

Kept cheap for the load generator: frames are packed with struct, no Reader and no decoding.
Must agree with decoding.py on the block layouts and with inspect.py on the ACK.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    ALARM_HEARTBEAT,
    ALARM_INTERVAL,
    AVL_DIVISOR,
    FLAG_NORTH,
    FLAG_VALID,
    FLAG_WEST,
    ProtocolNumber,
)
from .framing import build
from .inspect import ack_for

HARDWARE: Final = 0x010B
FIRMWARE: Final = bytes((2, 32, 0, 0))
# satellites, latitude, longitude, GPS time (6), speed (0.1 km/h), course, HDOP (x10), flags, 0
_GPS: Final = struct.Struct(">HBII6sHHBBB")
# alarm, terminal information, I/O, GSM signal, GSM state, battery, power (0.01 V), 2 x ADC,
# temperature (0x8000: no sensor, as the captures send it)
_STATE: Final = struct.Struct(">HBBHBBHHHHH")
_NO_LBS: Final = b"\x00\x00"
_RSSI: Final = 20
_GSM_STATE: Final = 0x37
_NO_SENSOR: Final = 0x8000
_MAX_INDEX: Final = 0xFFFF


def _time(t: datetime) -> bytes:
    t = t.astimezone(UTC)
    return bytes((t.year - 2000, t.month, t.day, t.hour, t.minute, t.second))


def _gps(r: Record) -> bytes:
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    flags = (FLAG_VALID if r.valid else 0) | (FLAG_NORTH if lat >= 0 else 0)
    flags |= FLAG_WEST if lon < 0 else 0
    return _GPS.pack(
        _GPS.size - 2, r.satellites or 0, round(abs(lat) * AVL_DIVISOR),
        round(abs(lon) * AVL_DIVISOR), _time(r.fix_time), round((r.speed or 0.0) * 10),
        round(r.course or 0.0) % 360, round(r.attributes.get("hdop", 0.0) * 10), flags, 0,
    )  # fmt: skip


def _state(alarm: int, attributes: dict[str, object]) -> bytes:
    battery = attributes.get("battery", 4.1)
    power = attributes.get("power", 12.6)
    if not isinstance(battery, float | int) or not isinstance(power, float | int):
        raise EncodeError("battery and power must be volts")
    return _STATE.pack(
        _STATE.size - 2, alarm, 0, 0, _RSSI, _GSM_STATE, round(battery * 100),
        round(power * 100), 0, 0, _NO_SENSOR,
    )  # fmt: skip


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._index = 0
        self._clock = datetime(2026, 1, 1, tzinfo=UTC)  # the RTC of a heartbeat: no fix time

    def _frame(self, rtc: datetime, gps: bytes, state: bytes) -> tuple[bytes, bytes]:
        self._index = self._index % _MAX_INDEX + 1
        data = b"".join((_time(rtc), gps, _NO_LBS, state))
        frame = build(ProtocolNumber.DATA, HARDWARE, FIRMWARE, self.unique_id, data, self._index)
        return frame, ack_for(self._index)

    def login(self) -> tuple[bytes, bytes]:
        """TZONE has no login: every frame carries the IMEI. A device's first frame is data or,
        without a fix, a heartbeat."""
        return self.heartbeat()

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One frame per fix; an empty report is a heartbeat."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise EncodeError(f"a TZONE frame carries one fix, got {len(records)} records")
        r = records[0]
        self._clock = r.fix_time
        return self._frame(r.fix_time, _gps(r), _state(ALARM_INTERVAL, r.attributes))

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._frame(self._clock, b"\x00\x00", _state(ALARM_HEARTBEAT, {}))
