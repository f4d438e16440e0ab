"""Deterministic moving tracks: each simulated device drives its own route, one fix per second of
device time, so every record of a device has a distinct fix time (nothing collapses as a duplicate)
and a run can be checked against the store exactly."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

from fleetwire.model import Record, RecordKind

_CITIES = (
    (54.6872, 25.2797), (52.2297, 21.0122), (-23.5505, -46.6333), (19.4326, -99.1332),
    (28.6139, 77.2090), (-33.8688, 151.2093), (40.7128, -74.0060), (51.5074, -0.1278),
    (-1.2921, 36.8219), (35.6762, 139.6503),
)  # fmt: skip


class Track:
    __slots__ = ("course", "lat", "lon", "odometer", "rng", "speed", "t")

    def __init__(self, index: int, start: datetime) -> None:
        self.rng = random.Random(index)
        lat, lon = _CITIES[index % len(_CITIES)]
        self.lat = lat + self.rng.uniform(-0.2, 0.2)
        self.lon = lon + self.rng.uniform(-0.2, 0.2)
        self.course = self.rng.uniform(0, 359)
        self.speed = self.rng.uniform(20, 90)
        self.odometer = self.rng.randrange(10_000, 500_000_000)
        self.t = start.replace(microsecond=0)

    def next(self) -> Record:
        rng = self.rng
        self.t += timedelta(seconds=1)
        self.speed = min(max(self.speed + rng.uniform(-5, 5), 0.0), 130.0)
        self.course = (self.course + rng.uniform(-10, 10)) % 360
        step_m = self.speed / 3.6
        self.odometer += int(step_m)
        rad = math.radians(self.course)
        self.lat = max(min(self.lat + step_m * math.cos(rad) / 111_320, 89.0), -89.0)
        self.lon += step_m * math.sin(rad) / (111_320 * max(math.cos(math.radians(self.lat)), 0.1))
        self.lon = (self.lon + 180) % 360 - 180
        return Record(
            fix_time=self.t,
            kind=RecordKind.POSITION,
            valid=True,
            latitude=round(self.lat, 6),
            longitude=round(self.lon, 6),
            altitude=float(rng.randrange(50, 300)),
            speed=float(round(self.speed)),
            course=float(round(self.course)),
            satellites=rng.randrange(5, 16),
            attributes={
                "ignition": True,
                "motion": self.speed > 0,
                "power": 12.6,
                "odometer": self.odometer,
            },
        )


def start_time() -> datetime:
    """Device time of a run starts two days back, so that even a long, fast run (a fix per
    second of device time) never dates a fix in the future."""
    return datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
