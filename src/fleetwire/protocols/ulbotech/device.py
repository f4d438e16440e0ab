"""The Ulbotech device side, for the simulator and round-trip tests: no login (every frame
carries the IMEI); a text heartbeat `*TS01,<IMEI>#` first, then one binary data frame per fix
(GPS, STT, and MGR and ADC when the record has odometer and power), each with the exact
acknowledgement inspect.py gives. Must agree with blocks.py on the block layouts.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    ADC_FULL_SCALE,
    ADC_VOLTS,
    EPOCH_2000,
    FIX_3D_BIT,
    STATUS_ACC,
    VERSION,
    Block,
    FrameType,
)
from .framing import build_binary, text_ack
from .inspect import binary_ack

_GPS: Final = struct.Struct(">BBiiHHH")
_STT: Final = struct.Struct(">BBHH")
_U32_BLOCK: Final = struct.Struct(">BBI")
_ADC: Final = struct.Struct(">BBH")
_NO_HDOP: Final = 9999


def _adc_raw(volts: float) -> int:
    low, high = ADC_VOLTS
    return max(0, min(ADC_FULL_SCALE - 1, round((volts - low) * ADC_FULL_SCALE / (high - low))))


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if len(unique_id) != 15 or not unique_id.isdigit():
            raise EncodeError(f"an Ulbotech IMEI has 15 digits, got {unique_id!r}")
        self._head = bytes((VERSION, FrameType.DATA)) + bytes.fromhex("0" + unique_id)
        hello = f"*TS01,{unique_id}#".encode("ascii")
        self._heartbeat = (hello, text_ack(hello))

    def login(self) -> tuple[bytes, bytes]:
        return self._heartbeat

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._heartbeat

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One binary frame for one record (a frame carries one fix); none: a heartbeat."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise EncodeError(f"an Ulbotech frame carries one fix, got {len(records)} records")
        r = records[0]
        a = r.attributes
        seconds = int(r.fix_time.timestamp()) - EPOCH_2000
        if not 0 < seconds < FIX_3D_BIT:
            raise EncodeError(f"time {r.fix_time} is outside the protocol's range")
        hdop = round(a.get("hdop", 1.0) * 100) if r.valid else _NO_HDOP
        blocks = [
            (seconds | (FIX_3D_BIT if r.valid else 0)).to_bytes(4, "big"),
            _GPS.pack(
                Block.GPS, 14, round((r.latitude or 0.0) * 1e6), round((r.longitude or 0.0) * 1e6),
                round(r.speed or 0), round(r.course or 0) % 360, hdop,
            ),
            _STT.pack(Block.STATUS, 4, STATUS_ACC if a.get("ignition") else 0, 0),
        ]  # fmt: skip
        if isinstance(a.get("odometer"), int):
            blocks.append(_U32_BLOCK.pack(Block.MILEAGE, 4, a["odometer"]))
        if isinstance(a.get("power"), float | int):
            blocks.append(_ADC.pack(Block.ADC, 2, _adc_raw(a["power"])))
        frame = build_binary(self._head + b"".join(blocks))
        return frame, binary_ack(frame)
