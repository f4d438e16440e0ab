"""The HuaSheng device side, for the simulator and round-trip tests: a login with its IMEI
item (answered 0xFF03), one 0xAA00 position per fix (answered 0xFF01), each echoing the
frame's index. Kept cheap: struct packing, no decoding."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import SCALE, STATUS_FIX, Type
from .framing import build

_FIX = struct.Struct(">HH12siiHHhH")
_LOGIN_IMEI = 0x0003


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._index = 0

    def _frame(self, kind: int, answer: int, content: bytes) -> tuple[bytes, bytes]:
        self._index = (self._index + 1) % 0x100000000
        return build(0, kind, self._index, content), build(0, answer, self._index)

    def login(self) -> tuple[bytes, bytes]:
        imei = self.unique_id.encode("ascii")
        item = _LOGIN_IMEI.to_bytes(2, "big") + (4 + len(imei)).to_bytes(2, "big") + imei
        return self._frame(Type.LOGIN, Type.LOGIN_ANSWER, item)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a HuaSheng position carries one fix, got {len(records)}")
        r = records[0]
        content = _FIX.pack(
            STATUS_FIX if r.valid else 0, 0,
            r.fix_time.astimezone(UTC).strftime("%y%m%d%H%M%S").encode("ascii"),
            round((r.longitude or 0.0) * SCALE), round((r.latitude or 0.0) * SCALE),
            min(round(r.speed or 0.0), 65535), round(r.course or 0.0) % 360,
            round(r.altitude or 0.0), 0,
        )  # fmt: skip
        return self._frame(Type.POSITION, Type.POSITION_ANSWER, content)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""
