"""The values the business logic works on: a fix (a stored position as the logic sees it), the
derived records it produces, and their deterministic ids. Knows no storage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from fleetwire.store.derived_rows import Event, Stop, Trip, Visit

__all__ = ["Event", "Fix", "Outputs", "Stop", "Trip", "Visit", "derived_id", "event"]

_MASK53 = (1 << 53) - 1  # position ids stay exact in JSON numbers (JavaScript clients)
NUMBER = (int, float)  # for isinstance on the hot path (a union type is slower to check)


_M64 = (1 << 64) - 1


def position_id(device_id: int, fix_ms: int, dedup: int) -> int:
    """A position's id, derived from its identity in the store (device, fix time, content hash)
    so that it is the same after a replay re-inserts the row; never 0. The content hash is
    already a 64-bit digest: mixing the other two in with odd multipliers is enough (and this
    runs for every record)."""
    h = (dedup ^ (fix_ms * 0x9E3779B97F4A7C15) ^ (device_id * 0xC2B2AE3D27D4EB4F)) & _M64
    h = ((h ^ (h >> 29)) * 0xBF58476D1CE4E5B9) & _M64
    return ((h ^ (h >> 32)) & _MASK53) or 1


def derived_id(*parts: object) -> str:
    """The id of a derived record: a hex digest of the inputs that define it."""
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=12).hexdigest()


class Fix:
    """One record of a device, in the order the logic sees them (fix time, then content hash).
    ``attrs`` is the record's attribute map; the logic adds its own keys to it (``distance``,
    ``totalDistance``, ``motion``, ``hours``), which are stored with the position. A plain
    class with slots: one is built per record, on the worker's hot path."""

    __slots__ = ("_id", "accuracy", "altitude", "attrs", "dedup", "device_id", "json", "kind",
                 "lat", "located", "lon", "server_time", "speed", "time", "valid")  # fmt: skip

    def __init__(
        self,
        device_id: int,
        time: int,  # fix time, ms
        dedup: int,
        server_time: int,
        valid: bool,
        lat: float | None,
        lon: float | None,
        speed: float | None,  # km/h
        attrs: dict[str, Any],
        kind: str = "position",
        altitude: float | None = None,
        accuracy: float | None = None,
    ) -> None:
        self.device_id = device_id
        self.time = time
        self.dedup = dedup
        self.server_time = server_time
        self.valid = valid
        self.lat = lat
        self.lon = lon
        self.speed = speed
        self.attrs = attrs
        self.kind = kind
        self.altitude = altitude
        self.accuracy = accuracy
        self._id = 0
        self.json: str | None = None  # the attributes as stored (derive.py)
        # valid, with coordinates, not the (0, 0) of no fix: what the geometry may use
        self.located = valid and lat is not None and lon is not None and (lat != 0 or lon != 0)

    def __repr__(self) -> str:
        return f"Fix(device={self.device_id}, time={self.time}, lat={self.lat}, lon={self.lon})"

    @property
    def id(self) -> int:
        """The position id (computed when first asked: most fixes never need it)."""
        if not self._id:
            self._id = position_id(self.device_id, self.time, self.dedup)
        return self._id

    @property
    def order(self) -> tuple[int, int]:
        return (self.time, self.dedup)


def event(
    device_id: int,
    type_: str,
    time: int,
    position_id: int | None,
    *key: object,
    geofence_id: int | None = None,
    maintenance_id: int | None = None,
    **attributes: Any,
) -> Event:
    """An event whose id is (device, type, time, the extra key parts)."""
    return Event(
        derived_id(device_id, type_, time, geofence_id, maintenance_id, *key),
        device_id, type_, time, position_id, geofence_id, maintenance_id, attributes,
    )  # fmt: skip


@dataclass(slots=True)
class Outputs:
    """What processing fixes produced. A record may appear twice (an overspeed episode updated
    at its end, a visit closed): the later one wins, as the store's upsert would have it."""

    events: list[Event] = field(default_factory=list)
    trips: list[Trip] = field(default_factory=list)
    stops: list[Stop] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)

    def extend(self, other: Outputs) -> None:
        self.events.extend(other.events)
        self.trips.extend(other.trips)
        self.stops.extend(other.stops)
        self.visits.extend(other.visits)
