"""The Topin device side, for the simulator and round-trip tests: login, one 0x10 GPS frame
per fix (answered by its date-time echoed), 0x08 heartbeats (not answered).

Kept cheap: struct packing, no decoding. Must agree with inspect.py on the answers.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._binary import to_bcd
from fleetwire.protocols.base import SimulatedDevice

from .constants import IMEI_BYTES, LOGIN_OK, Message
from .framing import build

# date-time(6) GPS-info/satellites(1) lat(4) lon(4) speed(1) course/status(2)
_GPS = struct.Struct(">6BBIIBH")
_SCALE = 1_800_000
_GPS_LEN_NIBBLE = 0xC0
_LOGIN_LENGTH = 0x0D  # the captured login's reserved byte
_VERSION = 0x4D


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        content = to_bcd(self.unique_id, IMEI_BYTES) + bytes((_VERSION,))
        frame = build(_LOGIN_LENGTH, Message.LOGIN, content)
        return frame, build(_LOGIN_LENGTH, Message.LOGIN, bytes((LOGIN_OK,)))

    def heartbeat(self) -> tuple[bytes, bytes]:
        return build(1, Message.HEARTBEAT), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a Topin GPS frame carries one fix, got {len(records)} records")
        rec = records[0]
        t = rec.fix_time.astimezone(UTC)
        lat, lon = rec.latitude or 0.0, rec.longitude or 0.0
        flags = round(rec.course or 0) % 360 | (0x1000 if rec.valid else 0)
        flags |= (0x400 if lat >= 0 else 0) | (0x800 if lon < 0 else 0)
        content = _GPS.pack(
            t.year % 100, t.month, t.day, t.hour, t.minute, t.second,
            _GPS_LEN_NIBBLE | min(rec.satellites or 0, 15),
            round(abs(lat) * _SCALE), round(abs(lon) * _SCALE),
            min(round(rec.speed or 0.0), 255), flags,
        )  # fmt: skip
        length = 1 + len(content)
        return build(length, Message.GPS, content), build(length, Message.GPS, content[:6])
