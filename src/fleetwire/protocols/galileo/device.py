"""The Galileosky device side, for the simulator and round-trip tests: a head packet (hardware,
firmware, IMEI, device id) and main packets of one record per fix, each confirmed by the server
with `02` + the packet's checksum.

Kept fast for the load generator: tags are packed with struct, no walking and no decoding.
Must agree with decoding.py on the tags it writes.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import LENGTH_MASK, Header, Tag
from .framing import build, confirmation

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_HEAD: Final = struct.Struct("<BBBBB15sBH")  # 01 hw, 02 fw, 03 IMEI, 04 id
# 10 record number, 20 time, 30 fix/satellites + lat + lon, 33 speed + course, 34 altitude
_RECORD: Final = struct.Struct("<BHBIBBiiBHHBh")
_POWER: Final = struct.Struct("<BH")
_ODOMETER: Final = struct.Struct("<BI")
_HARDWARE: Final = 0x11
_FIRMWARE: Final = 0xE6
_INVALID_FIX: Final = 0x10  # high nibble 1: coordinates not valid


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._imei = unique_id.encode("ascii")
        self._number = 0

    def login(self) -> tuple[bytes, bytes]:
        body = _HEAD.pack(
            Tag.HARDWARE, _HARDWARE, Tag.FIRMWARE, _FIRMWARE, Tag.IMEI, self._imei,
            Tag.DEVICE_ID, 1,
        )  # fmt: skip
        frame = build(Header.MAIN, body)
        return frame, confirmation(frame)

    def _record(self, r: Record) -> bytes:
        self._number = (self._number + 1) & 0xFFFF
        flags = min(r.satellites or 0, 15) | (0 if r.valid else _INVALID_FIX)
        head = _RECORD.pack(
            Tag.RECORD_NUMBER, self._number,
            Tag.TIME, int((r.fix_time - _EPOCH).total_seconds()),
            Tag.COORDINATES, flags,
            round((r.latitude or 0.0) * 1e6), round((r.longitude or 0.0) * 1e6),
            Tag.SPEED_COURSE, round((r.speed or 0.0) * 10), round((r.course or 0.0) * 10) % 3600,
            Tag.ALTITUDE, round(r.altitude or 0.0),
        )  # fmt: skip
        parts = [head]
        a = r.attributes
        if "power" in a:
            parts.append(_POWER.pack(Tag.POWER, round(a["power"] * 1000)))
        if "odometer" in a:
            parts.append(_ODOMETER.pack(Tag.ODOMETER, int(a["odometer"])))
        return b"".join(parts)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        body = b"".join(map(self._record, records))
        if len(body) > LENGTH_MASK:
            raise EncodeError(f"{len(records)} records do not fit one Galileosky packet")
        frame = build(Header.MAIN, body)
        return frame, confirmation(frame)

    def heartbeat(self) -> tuple[bytes, bytes]:
        """Galileosky has no keep-alive packet; an idle device sends its head packet again."""
        return self.login()
