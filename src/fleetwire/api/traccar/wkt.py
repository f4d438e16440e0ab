"""Traccar's geofence areas: WKT with (latitude longitude) order, the opposite of standard WKT,
plus the non-standard `CIRCLE (lat lon, radius_m)`. Parsed as tolerantly as Traccar does (the
shape keyword, then the text between the brackets, split on commas and whitespace) and checked
(coordinates in range, a positive radius, enough points), so that a bad area is a 400 with a
reason instead of a geofence nobody can ever be inside."""

from __future__ import annotations

import re
from dataclasses import dataclass


class WktError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Area:
    kind: str  # CIRCLE, POLYGON or LINESTRING
    points: tuple[tuple[float, float], ...]  # (lat, lon)
    radius: float = 0.0  # metres, circles only


_SHAPE = re.compile(r"^\s*(CIRCLE|POLYGON|LINESTRING)\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)


def _number(token: str) -> float:
    try:
        v = float(token)
    except ValueError:
        raise WktError(f"not a number: {token!r}") from None
    if v != v or v in (float("inf"), float("-inf")):
        raise WktError(f"not a finite number: {token!r}")
    return v


def _point(pair: str) -> tuple[float, float]:
    parts = pair.split()
    if len(parts) != 2:
        raise WktError(f"expected 'latitude longitude', got {pair.strip()!r}")
    lat, lon = _number(parts[0]), _number(parts[1])
    if not -90 <= lat <= 90:
        raise WktError(f"latitude {lat} out of range (the order is 'latitude longitude')")
    if not -180 <= lon <= 180:
        raise WktError(f"longitude {lon} out of range")
    return lat, lon


def parse(area: str) -> Area:
    m = _SHAPE.match(area)
    if m is None:
        raise WktError("area must be CIRCLE (lat lon, radius), POLYGON ((lat lon, ...)) "
                       "or LINESTRING (lat lon, ...)")  # fmt: skip
    kind, body = m.group(1).upper(), m.group(2).strip()
    if kind == "POLYGON":
        if not (body.startswith("(") and body.endswith(")")):
            raise WktError("POLYGON needs double brackets: POLYGON ((lat lon, ...))")
        body = body[1:-1]
        if "(" in body or ")" in body:
            raise WktError("only a single outer ring is supported")
    elif "(" in body or ")" in body:
        raise WktError(f"unexpected bracket in {kind}")
    items = body.split(",")
    if kind == "CIRCLE":
        if len(items) != 2:
            raise WktError("CIRCLE needs a centre and a radius: CIRCLE (lat lon, radius)")
        radius = _number(items[1].strip())
        if radius <= 0:
            raise WktError("CIRCLE radius must be positive (metres)")
        return Area(kind, (_point(items[0]),), radius)
    points = tuple(_point(s) for s in items)
    if kind == "LINESTRING" and len(points) < 2:
        raise WktError("LINESTRING needs at least 2 points")
    if kind == "POLYGON" and len(set(points)) < 3:
        raise WktError("POLYGON needs at least 3 distinct points")
    return Area(kind, points)
