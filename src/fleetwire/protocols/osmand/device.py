"""The OsmAnd device side, for the simulator and round-trip tests: one GET per fix.

There is no login and no keep-alive in this protocol (every request names its device), so
login() and heartbeat() send nothing. report() sends one request per record on the same
keep-alive connection, back to back, and expects one 200 per request in order. Speed goes out
in knots, as OsmAnd sends it; ignition, motion, power and odometer ride as extra parameters.
Kept cheap for the load generator: string formatting only. Must agree with inspect.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from fleetwire.model import Record
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import ACK

_EXTRA_BOOLS = ("ignition", "motion")


def _query(unique_id: str, r: Record) -> str:
    parts = [
        f"id={unique_id}",
        f"timestamp={r.fix_time.timestamp():.0f}"
        if not r.fix_time.microsecond
        else f"timestamp={r.fix_time.timestamp() * 1000:.0f}",
        f"lat={r.latitude or 0.0!r}",
        f"lon={r.longitude or 0.0!r}",
    ]
    if not r.valid:
        parts.append("valid=false")
    if r.speed is not None:
        parts.append(f"speed={r.speed / KNOTS!r}")
    if r.course is not None:
        parts.append(f"bearing={r.course:g}")
    if r.altitude is not None:
        parts.append(f"altitude={r.altitude:g}")
    a = r.attributes
    parts.extend(f"{k}={'true' if a[k] else 'false'}" for k in _EXTRA_BOOLS if k in a)
    if "power" in a:
        parts.append(f"power={a['power']!r}")
    if "odometer" in a:
        parts.append(f"odometer={int(a['odometer'])}")
    return "&".join(parts)


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._head = "GET /?"
        self._tail = " HTTP/1.1\r\nHost: fleetwire\r\n\r\n"
        self._id = quote(unique_id, safe="")

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # the first request is already a report

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        frames = [f"{self._head}{_query(self._id, r)}{self._tail}" for r in records]
        return "".join(frames).encode("ascii"), ACK * len(frames)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""  # nothing to send: the app simply reports again
