"""A simulated watch (SG maker): LK keep-alives answered with LK, one UD report per record
(no answer), built as the vendor document shows them.

Used by the load generator and round-trip tests: frames are formatted directly. Writes
battery %, steps, GSM signal and the status alarm bits from the attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Final

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import STATUS_ALARMS
from .framing import build

_MAKER: Final = "SG"
_ALARM_BITS: Final = {name: bit for bit, name in STATUS_ALARMS.items()}


def _report(r: Record) -> str:
    a = r.attributes
    t = r.fix_time.astimezone(UTC).strftime("%d%m%y,%H%M%S")
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    status = 0
    for name in str(a.get("alarm", "")).split(","):
        if name in _ALARM_BITS:
            status |= 1 << _ALARM_BITS[name]
    return ",".join((
        "UD", t, "A" if r.valid else "V",
        f"{abs(lat):.6f}", "N" if lat >= 0 else "S", f"{abs(lon):.6f}", "E" if lon >= 0 else "W",
        f"{r.speed or 0:.2f}", f"{r.course or 0:.1f}", f"{r.altitude or 0:.1f}",
        str(r.satellites or 0), str(a.get("rssi", 100)), str(a.get("batteryLevel", 100)),
        str(a.get("steps", 0)), "0", f"{status:08X}", "0", "0",
    ))  # fmt: skip


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._lk = build(_MAKER, unique_id, "LK")

    def login(self) -> tuple[bytes, bytes]:
        """No login: a watch opens with LK,<steps>,<tumbles>,<battery %> and waits for LK."""
        return build(_MAKER, self.unique_id, "LK,0,0,100"), self._lk

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One UD frame for one record; UD is not answered."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a watch report carries one position, got {len(records)}")
        return build(_MAKER, self.unique_id, _report(records[0])), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._lk, self._lk
