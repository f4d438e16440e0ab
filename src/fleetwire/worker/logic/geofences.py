"""Geofence shapes and their index: Traccar's latitude-first WKT (`CIRCLE (lat lon, r)`,
`POLYGON ((lat lon, ...))`, `LINESTRING (lat lon, ...)`) or standard lon-lat GeoJSON, compiled
once into shapely geometry in a local metric frame, behind an STRtree over their bounding boxes
so that a fix costs one index lookup however many geofences its device has.

Every shape answers one question: how many metres inside its border a point is (negative
outside). Membership, hysteresis and crossings are built on that (geofence_events.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import orjson
import shapely
import shapely.wkt
from shapely.geometry import shape as geojson_shape
from shapely.strtree import STRtree

from fleetwire.store.logic_registry import GeofenceDef
from fleetwire.worker.logic.config import KNOT
from fleetwire.worker.logic.geo import LocalFrame, haversine

_CIRCLE = re.compile(r"^\s*CIRCLE\s*\(\s*(\S+)\s+(\S+)\s*,\s*(\S+)\s*\)\s*$", re.IGNORECASE)


class GeofenceError(ValueError):
    """A geofence area that cannot be read."""


def _number(attrs: Mapping[str, Any], key: str) -> float | None:
    v = attrs.get(key)
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


class Shape:
    """One compiled geofence."""

    __slots__ = ("bbox", "border", "box", "center", "dwell", "frame", "geom", "hysteresis", "id",
                 "key", "kind", "radius", "reach", "speed_limit")  # fmt: skip

    def __init__(self, gd: GeofenceDef, polyline_distance: float = 25.0) -> None:
        self.id = gd.id
        self.key = str(gd.id)  # as the device state keys it (JSON object keys are text)
        attrs = gd.attributes
        self.hysteresis = _number(attrs, "hysteresis")
        self.dwell = _number(attrs, "dwell")
        limit = _number(attrs, "speedLimit")  # Traccar gives it in knots
        self.speed_limit = limit * KNOT if limit else None
        self.radius = 0.0
        self.geom: shapely.Geometry
        area = gd.area.strip()
        m = _CIRCLE.match(area)
        if m:
            lat, lon, r = (float(x) for x in m.groups())
            self.kind, self.radius = "circle", r
            self.center = (lat, lon)
            self.frame = LocalFrame(lat, lon)
            self.geom = shapely.Point(0, 0).buffer(r, quad_segs=16)
        else:
            self.kind, geom = _parse(area)
            first = shapely.get_coordinates(geom)[0]
            self.frame = LocalFrame(float(first[1]), float(first[0]))
            self.center = (float(first[1]), float(first[0]))
            f = self.frame
            self.geom = shapely.transform(
                geom,
                lambda c: np.column_stack((((c[:, 0] - f.lon0 + 540) % 360 - 180) * f.kx,
                                           (c[:, 1] - f.lat0) * f.ky)),
            )  # fmt: skip
            if self.kind == "line":
                self.radius = _number(attrs, "polylineDistance") or polyline_distance
        shapely.prepare(self.geom)
        self.border = shapely.boundary(self.geom)
        self.reach = self.radius if self.kind == "line" else 0.0
        self.bbox = self._bbox()

    def _bbox(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat), widened by 1 km of slack for hysteresis."""
        x0, y0, x1, y1 = (float(v) for v in shapely.bounds(self.geom))
        r = self.reach
        self.box = (x0 - r, y0 - r, x1 + r, y1 + r)
        pad = self.reach + PAD
        f = self.frame
        lat0, lat1 = f.lat0 + (y0 - pad) / f.ky, f.lat0 + (y1 + pad) / f.ky
        lon0, lon1 = f.lon0 + (x0 - pad) / f.kx, f.lon0 + (x1 + pad) / f.kx
        if lon0 < -180 or lon1 > 180:
            lon0, lon1 = -180.0, 180.0  # across the antimeridian: let the exact test decide
        return (lon0, max(lat0, -90.0), lon1, min(lat1, 90.0))

    def margin(self, lat: float, lon: float) -> float:
        """Metres inside the border (negative: outside)."""
        if self.kind == "circle":
            return self.radius - haversine(self.center[0], self.center[1], lat, lon)
        x, y = self.frame.xy(lat, lon)
        if self.kind == "line":
            return self.radius - float(shapely.distance(self.geom, shapely.Point(x, y)))
        p = shapely.Point(x, y)
        if shapely.contains_xy(self.geom, x, y):
            return float(shapely.distance(self.border, p))
        return -float(shapely.distance(self.geom, p))

    def quick(self, lat: float, lon: float) -> float:
        """``margin`` where it matters, a bound where it does not: outside the shape's own box
        the answer is minus the distance to the box (the true margin is at most that), which
        decides "outside" without shapely."""
        if self.kind == "circle":
            return self.radius - haversine(self.center[0], self.center[1], lat, lon)
        x, y = self.frame.xy(lat, lon)
        x0, y0, x1, y1 = self.box
        dx = x0 - x if x < x0 else (x - x1 if x > x1 else 0.0)
        dy = y0 - y if y < y0 else (y - y1 if y > y1 else 0.0)
        if dx or dy:
            return -math.hypot(dx, dy)
        return self.margin(lat, lon)

    def crossing(
        self, a: tuple[float, float], b: tuple[float, float]
    ) -> tuple[float, float] | None:
        """Where the segment a→b (lat, lon) runs through the shape, as fractions of its length
        (enter, exit); None when it does not."""
        pa, pb = self.frame.xy(*a), self.frame.xy(*b)
        seg = shapely.LineString([pa, pb])
        area = shapely.buffer(self.geom, self.radius) if self.kind == "line" else self.geom
        inter = seg.intersection(area)
        if inter.is_empty or seg.length == 0:
            return None
        fr = [
            seg.project(shapely.Point(c), normalized=True) for c in shapely.get_coordinates(inter)
        ]
        return (min(fr), max(fr))


def _parse(area: str) -> tuple[str, shapely.Geometry]:
    """(kind, geometry with x = longitude, y = latitude)."""
    try:
        if area.startswith("{"):
            geom = geojson_shape(orjson.loads(area))
        else:
            geom = shapely.wkt.loads(area)
            geom = shapely.transform(geom, lambda c: c[:, ::-1])  # lat-lon -> lon-lat
    except Exception as e:
        raise GeofenceError(f"unreadable geofence area {area[:60]!r}: {e}") from None
    if isinstance(geom, shapely.Polygon) and not geom.is_empty:
        return "polygon", geom
    if isinstance(geom, shapely.LineString) and not geom.is_empty:
        return "line", geom
    raise GeofenceError(f"unsupported geofence area {area[:60]!r}")


PAD = 1000.0  # m of slack around every shape's box: a shorter segment crossing a shape has
# both ends inside that box, so its candidates are the end's own (no segment query needed)


_NONE: list[Shape] = []
CELL = 0.01  # degrees: the grid the index memoises its tree queries on (about 1 km)
_CELLS_MAX = 50_000  # memoised cells per index before it starts afresh (10 MB at most)
_EPS = 1e-7  # degrees around a cell: a point that floors into it is inside its box


class GeofenceIndex:
    """The geofences of one device (or of every device sharing the same set).

    ``near`` is asked for every located fix. The tree is asked once per grid cell a device
    enters (the boxes that touch the cell, memoised); a point then costs a dict lookup and the
    box test of that cell's few candidates, which is what the tree's own point query would
    answer (boxes are closed, as the tree's envelopes are), with no geometry built per fix."""

    def __init__(self, shapes: Iterable[Shape]) -> None:
        self.shapes = list(shapes)
        self.by_id = {s.id: s for s in self.shapes}
        self.tree = STRtree([shapely.box(*s.bbox) for s in self.shapes]) if self.shapes else None
        self._cells: dict[tuple[float, float], tuple[tuple[Shape, float, float, float, float], ...]]
        self._cells = {}

    def _cell(self, x: float, y: float) -> tuple[tuple[Shape, float, float, float, float], ...]:
        """The candidates of cell (x, y) (longitude, latitude floored to CELL), in index order."""
        if self.tree is None:
            return ()
        if len(self._cells) >= _CELLS_MAX:
            self._cells.clear()
        box = shapely.box(x * CELL - _EPS, y * CELL - _EPS, (x + 1) * CELL + _EPS,
                          (y + 1) * CELL + _EPS)  # fmt: skip
        found = tuple((self.shapes[i], *self.shapes[i].bbox)
                      for i in sorted(self.tree.query(box).tolist()))  # fmt: skip
        self._cells[(x, y)] = found
        return found

    def near(self, lat: float, lon: float) -> list[Shape]:
        """The shapes whose box holds the point, in index order: those it may be in or near."""
        x, y = lon // CELL, lat // CELL
        cell = self._cells.get((x, y))
        if cell is None:
            cell = self._cell(x, y)
        if not cell:
            return _NONE
        return [s for s, x0, y0, x1, y1 in cell if x0 <= lon <= x1 and y0 <= lat <= y1] or _NONE

    def along(self, a: tuple[float, float], b: tuple[float, float]) -> list[Shape]:
        if self.tree is None:
            return []
        idx = self.tree.query(shapely.LineString([(a[1], a[0]), (b[1], b[0])]))
        return [self.shapes[i] for i in idx]


def compile_all(defs: Iterable[GeofenceDef]) -> tuple[dict[int, Shape], list[str]]:
    """Shapes by id, and an error line per geofence that could not be read (skipped)."""
    shapes: dict[int, Shape] = {}
    errors: list[str] = []
    for gd in defs:
        try:
            shapes[gd.id] = Shape(gd)
        except (GeofenceError, ValueError) as e:
            errors.append(f"geofence {gd.id}: {e}")
    return shapes, errors


EMPTY = GeofenceIndex(())
