"""The Navtelecom device side, for the simulator and round-trip tests: `*>S` login, `*>FLEX`
negotiation of a fixed bitfield, and `~A` messages of one record per fix with its exact ACK.

Must agree with fields.py and decoding.py on the fields it writes: 1 record number, 2 event
code, 3 time, 8 navigation state, 10-14 position, 19 main voltage, 29 inputs.
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
    ARRAY,
    FLEX_PROTOCOL,
    FLEX_REPLY,
    FLEX_REQUEST,
    LOGIN,
    LOGIN_REPLY,
    MAX_RECORDS,
)
from .framing import build_flex, build_ntcb

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_DEVICE: Final = 0
_SERVER: Final = 1
_VERSIONS: Final = bytes((FLEX_PROTOCOL, 0x0A, 0x0A))  # FLEX 1.0, structure 1.0
_FIELDS: Final = (1, 2, 3, 8, 10, 11, 12, 13, 14, 19, 29)
_BITS: Final = 32
# index, event, time, nav state, lat, lon, altitude (dm), speed, course, power (mV), inputs
_RECORD: Final = struct.Struct("<IHIBiiifHHB")


def bitfield() -> bytes:
    bits = bytearray(_BITS // 8)
    for f in _FIELDS:
        bits[(f - 1) // 8] |= 0x80 >> ((f - 1) % 8)
    return bytes(bits)


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._index = 0

    def login(self) -> tuple[bytes, bytes]:
        body = LOGIN + b":" + self.unique_id.encode("ascii")
        return build_ntcb(_SERVER, _DEVICE, body), build_ntcb(_DEVICE, _SERVER, LOGIN_REPLY)

    def handshake(self) -> list[tuple[bytes, bytes]]:
        """`*>S` (identity), then `*>FLEX` (the record layout every `~A` after it follows)."""
        return [self.login(), self.negotiate()]

    def negotiate(self) -> tuple[bytes, bytes]:
        """`*>FLEX` with this simulator's bitfield and the `*<FLEX` it waits for."""
        body = FLEX_REQUEST + _VERSIONS + bytes((_BITS,)) + bitfield()
        return build_ntcb(_SERVER, _DEVICE, body), build_ntcb(
            _DEVICE, _SERVER, FLEX_REPLY + _VERSIONS
        )

    def _record(self, r: Record) -> bytes:
        self._index += 1
        a = r.attributes
        nav = (min(r.satellites or 0, 63) << 2) | (0x02 if r.valid else 0) | 0x01
        inputs = 1 if a.get("ignition") else 0
        return _RECORD.pack(
            self._index, 0, int((r.fix_time - _EPOCH).total_seconds()), nav,
            round((r.latitude or 0.0) * 600000), round((r.longitude or 0.0) * 600000),
            round((r.altitude or 0.0) * 10), r.speed or 0.0, round(r.course or 0.0) % 360,
            round(a.get("power", 0.0) * 1000), inputs,
        )  # fmt: skip

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        n = len(records)
        if not 0 < n <= MAX_RECORDS:
            raise EncodeError(f"a ~A message holds 1..{MAX_RECORDS} records, not {n}")
        frame = build_flex(ARRAY, bytes((n,)), b"".join(map(self._record, records)))
        return frame, build_flex(ARRAY, bytes((n,)), b"")

    def heartbeat(self) -> tuple[bytes, bytes]:
        """The one-byte keep-alive; the server does not answer it."""
        return b"\x7f", b""
