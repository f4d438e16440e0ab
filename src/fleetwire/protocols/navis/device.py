"""The Navis device side, for the simulator and round-trip tests: `*>S` login, then `*>A`
arrays of format F60 records (integer coordinates, the finest format), each answered `*<A` +
the record count; the 0x7F byte as keep-alive.

Must agree with records.py on the F60 layout it writes.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.navtelecom.device import Device as NtcbDevice
from fleetwire.protocols.navtelecom.framing import build_ntcb

from .constants import ARRAY, ARRAY_REPLY, F60, MAX_RECORDS

_DEVICE: Final = 0
_SERVER: Final = 1
_NO_SENSORS: Final = b"\x80" * 4
# format, index, event, event time, armed, status, rssi, outputs, inputs, power, battery, adc
# 1-3, counters, fuel sensors, temperatures, axle weight, rpm, nav state, fix time, lat, lon,
# altitude (dm), speed, course, odometer, distance, segment times
_F60: Final = struct.Struct("<BIH6sBBBBBHH6s8s28s4siHB6siiifHff4s")


def _clock(t: datetime) -> bytes:
    t = t.astimezone(UTC)
    return bytes((t.hour, t.minute, t.second, t.day, t.month - 1, t.year - 2000))


class Device(NtcbDevice):
    """Navtelecom's `*>S` login and keep-alive; no `*>FLEX`: its records are NTCB records."""

    def handshake(self) -> list[tuple[bytes, bytes]]:
        return [self.login()]

    def _record(self, r: Record) -> bytes:
        self._index += 1
        when = _clock(r.fix_time)
        nav = (min(r.satellites or 0, 63) << 2) | (0x02 if r.valid else 0) | 0x01
        inputs = 1 if r.attributes.get("ignition") else 0
        power = round(r.attributes.get("power", 0.0) * 1000)
        return _F60.pack(
            F60, self._index, 0, when, 0, 0, 20, 0, inputs, power, 0, b"\0" * 6, b"\0" * 8,
            b"\0" * 28, _NO_SENSORS, 0, 0, nav, when, round((r.latitude or 0.0) * 600000),
            round((r.longitude or 0.0) * 600000), round((r.altitude or 0.0) * 10),
            r.speed or 0.0, round(r.course or 0.0) % 360, 0.0, 0.0, b"\0" * 4,
        )  # fmt: skip

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        n = len(records)
        if not 0 < n <= MAX_RECORDS:
            raise EncodeError(f"a *>A message holds 1..{MAX_RECORDS} records, not {n}")
        body = ARRAY + bytes((n,)) + b"".join(map(self._record, records))
        count = bytes((n,))
        return build_ntcb(_SERVER, _DEVICE, body), build_ntcb(_DEVICE, _SERVER, ARRAY_REPLY + count)
