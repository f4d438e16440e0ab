"""The GoSafe device side, for the simulator and round-trip tests: no login (every message
carries the IMEI), `*GS06,<IMEI>#` heartbeats and `*GS06` reports of one record per fix (SYS,
GPS, COT, ADC blocks as a G6S sends them), none of them answered. Kept cheap: string
formatting only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice

_VERSION = "06"


def _record(r: Record) -> str:
    a = r.attributes
    t = r.fix_time.astimezone(UTC)
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    event = a.get("event")
    head = f"{t:%H%M%S%d%m%y},{'' if not isinstance(event, int) else f'{event:X}'}"
    gps = (
        f"GPS:{'A' if r.valid else 'V'};{r.satellites or 0};{'N' if lat >= 0 else 'S'}"
        f"{abs(lat):.6f};{'E' if lon >= 0 else 'W'}{abs(lon):.6f};{round(r.speed or 0)};"
        f"{round(r.course or 0)};{round(r.altitude or 0)};{a.get('hdop', 1.0):.2f}"
    )
    blocks = [head, "SYS:G6S;V3.37;V1.1.8", gps]
    if isinstance(a.get("odometer"), int):
        blocks.append(f"COT:{a['odometer']}")
    blocks.append(f"ADC:{a.get('power', 12.0):.2f};{a.get('battery', 4.0):.2f}")
    return ",".join(blocks)


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """All ``records`` in one message, `$`-separated; none is a heartbeat."""
        if not records:
            return self.heartbeat()
        body = "$".join(_record(r) for r in records)
        return f"*GS{_VERSION},{self.unique_id},{body}#".encode("ascii"), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"*GS{_VERSION},{self.unique_id}#".encode("ascii"), b""
