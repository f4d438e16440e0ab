"""The Eelink device side, for the simulator and round-trip tests: V2.0 login, one location
package (0x12) per fix, heartbeats, each with the exact response the device expects. Over UDP
every package rides behind the "EL" header that carries the IMEI.

Kept fast for the load generator: packed with struct, no Reader and no decoding. Must agree
with inspect.py on which packages are answered.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols._binary import to_bcd
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import IMEI_BYTES, UDP_MARK, UDP_PREFIX, Pid
from .framing import build

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_SCALE: Final = 1_800_000
# time, mask (GPS), lat, lon, altitude, speed, course, satellites, status, battery, AIN0, AIN1
_LOCATION: Final = struct.Struct(">IBiihHHBHHHH")
_U32: Final = struct.Struct(">I")
_UDP_HEAD: Final = struct.Struct(">2sHH")  # mark, size, checksum (not checked by servers here)
_LANGUAGE_ENGLISH: Final = 0x01
_TIMEZONE_UTC: Final = 0x00
_STATUS_FIX: Final = 0x0001
_STATUS_ACC: Final = 0x0002
_STATUS_ACC_ON: Final = 0x0004


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._imei = to_bcd(unique_id, IMEI_BYTES)
        self._sequence = 0

    def _next(self) -> int:
        self._sequence = self._sequence % 0xFFFF + 1  # starts at 1 after a reboot
        return self._sequence

    def _wrap(self, package: bytes) -> bytes:
        if self.transport is not Transport.UDP:
            return package
        return _UDP_HEAD.pack(UDP_MARK, UDP_PREFIX + len(package), 0) + self._imei + package

    def login(self) -> tuple[bytes, bytes]:
        seq = self._next()
        content = self._imei + bytes((_LANGUAGE_ENGLISH, _TIMEZONE_UTC))
        return self._wrap(build(Pid.LOGIN, seq, content)), build(Pid.LOGIN, seq)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One location package per fix (the protocol carries one); none answered over TCP."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise EncodeError(f"an Eelink package carries one fix, got {len(records)} records")
        r = records[0]
        a = r.attributes
        status = (_STATUS_FIX if r.valid else 0) | (
            _STATUS_ACC | (_STATUS_ACC_ON if a.get("ignition") else 0) if "ignition" in a else 0
        )
        content = _LOCATION.pack(
            int((r.fix_time - _EPOCH).total_seconds()), 0x01,
            round((r.latitude or 0.0) * _SCALE), round((r.longitude or 0.0) * _SCALE),
            round(r.altitude or 0), round(r.speed or 0), round(r.course or 0) % 360,
            r.satellites or 0, status, round(a.get("battery", 0.0) * 1000), 0, 0,
        )  # fmt: skip
        if "odometer" in a:
            content += _U32.pack(int(a["odometer"]))
        seq = self._next()
        ack = build(Pid.LOCATION, seq) if self.transport is Transport.UDP else b""
        return self._wrap(build(Pid.LOCATION, seq, content)), ack

    def heartbeat(self) -> tuple[bytes, bytes]:
        seq = self._next()
        return self._wrap(build(Pid.HEARTBEAT, seq, b"\x00\x01")), build(Pid.HEARTBEAT, seq)
