"""Distances on the Earth: haversine (Traccar's radius) and a local flat projection in metres
for the geometry that needs one (hysteresis, polylines). No state."""

from __future__ import annotations

import math
from math import asin, cos, sin, sqrt  # module globals: the haversine runs per fix

EARTH_RADIUS = 6_378_137.0  # m, the radius Traccar's DistanceCalculator uses
_RAD = math.pi / 180.0


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points."""
    dlat = (lat2 - lat1) * _RAD
    dlon = (lon2 - lon1) * _RAD
    a = sin(dlat / 2) ** 2 + cos(lat1 * _RAD) * cos(lat2 * _RAD) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS * asin(min(1.0, sqrt(a)))


def wrap_lon(lon: float, lon0: float) -> float:
    """``lon`` as the longitude nearest to ``lon0`` (may leave -180..180): the antimeridian fix."""
    return (lon - lon0 + 540.0) % 360.0 - 180.0 + lon0


class LocalFrame:
    """An equirectangular projection around (lat0, lon0): metres east and north, accurate to well
    under a percent across a few tens of kilometres, which is all a geofence needs."""

    __slots__ = ("kx", "ky", "lat0", "lon0")

    def __init__(self, lat0: float, lon0: float) -> None:
        self.lat0 = lat0
        self.lon0 = lon0
        self.ky = EARTH_RADIUS * _RAD
        self.kx = self.ky * math.cos(lat0 * _RAD)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return ((wrap_lon(lon, self.lon0) - self.lon0) * self.kx, (lat - self.lat0) * self.ky)
