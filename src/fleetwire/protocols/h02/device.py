"""The H02 device side, for the simulator and round-trip tests: a V0 hello, one V1 text line
per fix, HTBT keep-alives, each with the exact reply the device expects.

Kept cheap for the load generator: plain string formatting, no decoding. Must agree with
inspect.py on which frames are answered (V0 and HTBT echoed, V1 not).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    STATUS_ACC,
    STATUS_ALARMS,
    STATUS_ARMED,
    STATUS_CUT_OFF,
    STATUS_DOOR_OPEN,
)

_ALARM_BITS = {alarm: bit for bit, alarm in reversed(STATUS_ALARMS)}  # first bit per alarm
_ALL_CLEAR = 0xFFFFFFFF


def status_word(attrs: dict[str, object]) -> int:
    """The negative-logic status for the attributes the decoder reads back."""
    status = _ALL_CLEAR
    if attrs.get("ignition") is False:
        status &= ~(1 << STATUS_ACC)
    for key, bit in (("armed", STATUS_ARMED), ("door", STATUS_DOOR_OPEN),
                     ("blocked", STATUS_CUT_OFF)):  # fmt: skip
        if attrs.get(key):
            status &= ~(1 << bit)
    for alarm in str(attrs.get("alarm", "")).split(","):
        if alarm in _ALARM_BITS:
            status &= ~(1 << _ALARM_BITS[alarm])
    return status


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "4106011660"  # "SN of terminal": 10 digits

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._head = f"*HQ,{unique_id},"

    def login(self) -> tuple[bytes, bytes]:
        frame = f"{self._head}V0#".encode("ascii")
        return frame, frame  # echoed

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One V1 line for one record (H02 text carries one fix per line); an empty report is
        a heartbeat. V1 is not answered."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"H02 carries one fix per line, got {len(records)} records")
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        line = (
            f"{self._head}V1,{t:%H%M%S},{'A' if r.valid else 'V'},"
            f"{position_text(lat, lon)},"
            f"{(r.speed or 0.0) / KNOTS:.2f},{round(r.course or 0)},{t:%d%m%y},"
            f"{status_word(r.attributes):08X}#"
        )
        return line.encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        frame = f"{self._head}HTBT#".encode("ascii")
        return frame, frame
