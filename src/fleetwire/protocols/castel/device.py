"""The Castel device side, for the simulator and round-trip tests: a version-4 login (0x1001,
no fix, version strings), GPS data (0x4001, one GPS_ITEM per record, RPM_DATA) and heartbeats
(0x1003), each with the exact reply inspect.py gives.

Kept fast for the load generator: frames are packed with struct, no Reader and no decoding.
Must agree with decoding.py on STAT_DATA and GPS_ITEM.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import DeviceError, EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    FLAG_EAST,
    FLAG_NORTH,
    ID_SIZE,
    KEEP_IP,
    KEEP_PORT,
    KMH_PER_CM_S,
    MS_PER_DEGREE,
    VSTATE_ACC_ON,
    Msg,
)
from .framing import build, open_frame

_VERSION: Final = 4
# last ACC-on, UTC, total mileage, trip mileage, total fuel, trip fuel, vstate, reserved
_STAT: Final = struct.Struct("<IIIIIHI8s")
_ITEM: Final = struct.Struct("<6BIIHHB")
_LOGIN_REPLY: Final = struct.Struct("<IHI")
_FIX_3D: Final = 0x0C
_MAX_RECORDS: Final = 255  # the GPS count is one byte
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_VERSIONS: Final = b"IDD_213G02_S V2.3.4\x00IDD_213G02_H V2.3.4\x00"
_LOGIN_TIME: Final = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _seconds(t: datetime) -> int:
    return int((t - _EPOCH).total_seconds())


def _stat(utc: datetime, r: Record | None) -> bytes:
    a = r.attributes if r is not None else {}
    vstate = VSTATE_ACC_ON if a.get("ignition") else 0
    return _STAT.pack(
        _seconds(utc), _seconds(utc), int(a.get("odometer", 0)), int(a.get("tripOdometer", 0)),
        0, 0, vstate, bytes(8),
    )  # fmt: skip


def _item(r: Record) -> bytes:
    t = r.fix_time.astimezone(UTC)
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    flag = (min(r.satellites or 0, 15) << 4) | (_FIX_3D if r.valid else 0)
    flag |= (FLAG_NORTH if lat >= 0 else 0) | (FLAG_EAST if lon >= 0 else 0)
    return _ITEM.pack(
        t.day, t.month, t.year - 2000, t.hour, t.minute, t.second,
        round(abs(lat) * MS_PER_DEGREE), round(abs(lon) * MS_PER_DEGREE),
        round((r.speed or 0.0) / KMH_PER_CM_S), round((r.course or 0.0) * 10) % 3600, flag,
    )  # fmt: skip


class Device(SimulatedDevice):
    example_id = "213GDP2018021343"

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        raw = unique_id.encode("ascii")
        if not raw or len(raw) > ID_SIZE:
            raise EncodeError(f"a Castel device id is 1-{ID_SIZE} ASCII characters")
        self._id = raw.ljust(ID_SIZE, b"\x00")
        self._heartbeat = (
            build(_VERSION, self._id, Msg.HEARTBEAT),
            build(_VERSION, self._id, Msg.HEARTBEAT_REPLY),
        )

    def login(self) -> tuple[bytes, bytes]:
        data = _stat(_LOGIN_TIME, None) + b"\x00" + _VERSIONS
        reply = _LOGIN_REPLY.pack(KEEP_IP, KEEP_PORT, _seconds(_LOGIN_TIME))
        return (
            build(_VERSION, self._id, Msg.LOGIN, data),
            build(_VERSION, self._id, Msg.LOGIN_REPLY, reply),
        )

    def accepts(self, expected: bytes, got: bytes) -> bool:
        """The login reply ends with the server's clock (and a CRC over it): the same reply
        with any time, its CRC right, is the one this device waits for."""
        if expected != self.login()[1] or len(got) != len(expected):
            return got == expected
        try:
            env = open_frame(got)
        except DeviceError:
            return False
        data = got[env.start : env.end]
        return build(env.version, env.raw_id, env.type, data[:-4] + expected[-8:-4]) == expected

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        n = len(records)
        if n == 0:
            return self.heartbeat()
        if n > _MAX_RECORDS:
            raise EncodeError(f"{n} records do not fit one Castel GPS message")
        last = records[-1]
        rpm = [int(r.attributes.get("rpm", 0)) for r in records]
        data = b"".join(
            (
                b"\x00",
                _stat(last.fix_time, last),
                bytes((n,)),
                *map(_item, records),
                bytes((n,)),
                struct.pack(f"<{n}H", *rpm),
            )
        )
        return build(_VERSION, self._id, Msg.GPS, data), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._heartbeat
