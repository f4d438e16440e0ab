"""A simulated Startek device: one 000 position frame per record, the exact expected reply
(none: the protocol answers nothing), and a no-fix 000 frame as heartbeat and first frame.

Used by the load generator and round-trip tests: frames are formatted directly. Writes
odometer, power, battery, ignition (input 2), cell and event from the attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import UPLINK_START
from .framing import build

_INDEXES: Final = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # sent in turn
_EPOCH: Final = datetime(2000, 1, 1, tzinfo=UTC)


def _fields(r: Record) -> str:
    a = r.attributes
    t = r.fix_time.astimezone(UTC).strftime("%y%m%d%H%M%S")
    has = r.latitude is not None and r.longitude is not None
    inputs = 0b10 if a.get("ignition") else 0
    power = round(float(a.get("power", 12.0)) * 100)
    battery = round(float(a.get("battery", 4.0)) * 100)
    cell = f"{a.get('mcc', 0)}|{a.get('mnc', 0)}|{a.get('lac', 0):X}|{a.get('cid', 0):X}"
    return ",".join((
        "000", str(a.get("event", 0)), "", t, "A" if r.valid else "V",
        f"{r.latitude if has else 0.0:.6f}", f"{r.longitude if has else 0.0:.6f}",
        str(r.satellites or 0), f"{a.get('hdop', 1.0):.1f}", str(round(r.speed or 0)),
        str(round(r.course or 0) % 361), str(round(r.altitude or 0)),
        str(int(a.get("odometer", 0))), cell, str(a.get("rssi", 20)), "0000000F",
        f"{inputs:02X}", "00", f"{power:04X}|{battery:04X}",
    ))  # fmt: skip


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._n = 0
        self._last = _EPOCH  # no clock here: a heartbeat repeats the last report's time

    def _frame(self, content: str) -> bytes:
        index = _INDEXES[self._n % len(_INDEXES)]
        self._n += 1
        return build(UPLINK_START, index, self.unique_id, content)

    def login(self) -> tuple[bytes, bytes]:
        """No login in this protocol: the first frame is a position like any other."""
        return self.heartbeat()

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One frame for one record (the protocol carries one position per frame)."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"Startek carries one position per frame, got {len(records)}")
        self._last = records[0].fix_time
        return self._frame(_fields(records[0])), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """A 000 frame without a fix (V, zero coordinates): decoded as a status record."""
        return self._frame(_fields(Record(fix_time=self._last))), b""
