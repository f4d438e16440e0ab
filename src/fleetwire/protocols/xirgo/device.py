"""The Xirgo device side, for the simulator and round-trip tests: no login, one XT-2150-layout
report per fix (event 4001/4002, periodic with ignition on/off), unanswered.

Kept cheap: string formatting only. Speed goes out in mph with one decimal, as units send it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import GPS_LOCKED, MILE, MPH


def _opt(value: float | None, fmt: str) -> str:
    return "" if value is None else format(value, fmt)


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # units report straight away

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One message for one record; an empty report is a heartbeat."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"Xirgo carries one fix per message, got {len(records)} records")
        r = records[0]
        a = r.attributes
        t = r.fix_time.astimezone(UTC)
        event = 4001 if a.get("ignition", True) else 4002
        odometer = a.get("odometer")
        miles = "" if odometer is None else f"{odometer / MILE:.1f}"
        speed = None if r.speed is None else r.speed / MPH
        fields = [
            f"$${self.unique_id}", str(event), f"{t:%Y/%m/%d}", f"{t:%H:%M:%S}",
            _opt(r.latitude, ".6f"), _opt(r.longitude, ".6f"), _opt(r.altitude, ".1f"),
            _opt(speed, ".1f"), _opt(r.course, ".1f"), _opt(r.satellites, "d"),
            _opt(a.get("hdop"), ".1f"), _opt(a.get("power"), ".1f"), str(a.get("rssi", "")),
            miles, str(GPS_LOCKED if r.valid else 0), "0", "0.0", "0.0", "0", "0", "0",
            "1" if event == 4001 else "0",
        ]  # fmt: skip
        return (",".join(fields) + "##").encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """A 4002 periodic report without a fix (GPS not locked, position fields empty)."""
        fields = [f"$${self.unique_id}", "4002", "", "", *[""] * 10, "0", *["0"] * 7]
        return (",".join(fields) + "##").encode("ascii"), b""
