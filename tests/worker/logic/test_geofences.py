"""Geofences (feature 10): Traccar's lat-lon WKT, hysteresis, dwell, crossings, antimeridian,
polylines, and an index that keeps hundreds of geofences cheap."""

from __future__ import annotations

import random

import orjson
import pytest

from fleetwire.store.logic_registry import GeofenceDef
from fleetwire.worker.logic import engine
from fleetwire.worker.logic.config import resolve
from fleetwire.worker.logic.geofences import GeofenceError, GeofenceIndex, Shape
from fleetwire.worker.logic.model import Outputs
from tests.worker.logic.track import LAT0, LON0, T0, east, fix, north, run


def types(out: Outputs) -> list[str]:
    return [e.type for e in out.events if e.type.startswith("geofence")]


def index(*defs: GeofenceDef) -> GeofenceIndex:
    return GeofenceIndex(Shape(d) for d in defs)


def ctx(*defs: GeofenceDef, **keys: object) -> engine.DeviceContext:
    return engine.DeviceContext(resolve([keys]), index(*defs))


SQUARE = GeofenceDef(1, f"POLYGON(({LAT0} {LON0}, {north(500)} {LON0}, {north(500)} "
                        f"{east(500)}, {LAT0} {east(500)}, {LAT0} {LON0}))")  # fmt: skip


def test_circle_polygon_and_line_margins() -> None:
    c = Shape(GeofenceDef(1, f"CIRCLE ({LAT0} {LON0}, 100)"))
    assert c.margin(north(40), LON0) == pytest.approx(60, abs=0.5)
    assert c.margin(north(150), LON0) == pytest.approx(-50, abs=0.5)
    p = Shape(SQUARE)
    assert p.margin(north(250), east(100)) == pytest.approx(100, abs=1)
    assert p.margin(north(250), east(-30)) == pytest.approx(-30, abs=1)
    line = Shape(GeofenceDef(3, f"LINESTRING ({LAT0} {LON0}, {north(1000)} {LON0})"))
    assert line.margin(north(500), east(10)) == pytest.approx(15, abs=0.5)  # 25 m default
    assert line.margin(north(500), east(40)) < 0


def test_unreadable_area_is_a_clear_error() -> None:
    with pytest.raises(GeofenceError):
        Shape(GeofenceDef(1, "POLYGON((1 2, 3"))
    with pytest.raises(GeofenceError):
        Shape(GeofenceDef(1, "POINT (1 2)"))


def test_enter_and_exit_with_visit() -> None:
    track = [fix(i * 10, north(250), east(-300 + i * 100)) for i in range(10)]
    out, _ = run(track, ctx(SQUARE))
    assert types(out) == ["geofenceEnter", "geofenceExit"]
    assert all(e.geofence_id == 1 for e in out.events if e.type.startswith("geofence"))
    assert out.visits[-1].enter_time == T0 + 30_000 and out.visits[-1].exit_time == T0 + 90_000
    assert out.visits[0].id == out.visits[-1].id
    assert track[4].attrs["geofenceIds"] == [1]


def test_jitter_at_border_with_hysteresis_is_one_enter() -> None:
    # ±15 m around the western border, 20 m hysteresis: one enter, no exits
    track = [fix(0, north(250), east(-200))]
    track += [fix(10 + i * 10, north(250), east(15 if i % 2 else -15)) for i in range(30)]
    out, _ = run(track, ctx(SQUARE, **{"geofence.hysteresis": 20}))
    assert types(out) == ["geofenceEnter"]
    out, _ = run(track, ctx(SQUARE))  # without: a pair per wobble, Traccar's behaviour
    assert types(out).count("geofenceEnter") == 15


def test_dwell_needs_time_inside_and_backdates_the_enter() -> None:
    gf = GeofenceDef(1, SQUARE.area, {"dwell": 60})
    short = [fix(0, north(250), east(-100)), fix(10, north(250), east(100)),
             fix(40, north(250), east(-100))]  # fmt: skip
    out, _ = run(short, ctx(gf))
    assert types(out) == []
    long = [*short[:2], fix(40, north(250), east(120)), fix(80, north(250), east(130))]
    out, _ = run(long, ctx(gf))
    assert types(out) == ["geofenceEnter"]
    assert next(e for e in out.events if e.type == "geofenceEnter").time == T0 + 10_000


def test_crossing_between_far_apart_fixes() -> None:
    small = GeofenceDef(9, f"CIRCLE ({north(250)} {LON0}, 50)")
    out, _ = run([fix(0), fix(60, north(500))], ctx(small))
    assert types(out) == ["geofenceEnter", "geofenceExit"]
    enter, leave = [e for e in out.events if e.type.startswith("geofence")]
    assert enter.attributes["crossing"] is True
    assert T0 + 20_000 < enter.time < leave.time < T0 + 40_000
    assert out.visits[-1].exit_time == leave.time
    out, _ = run([fix(0), fix(60, north(500))], ctx(small, **{
        "event.geofence.segmentCrossing": False}))  # fmt: skip
    assert types(out) == []


def test_antimeridian_polygon() -> None:
    fiji = GeofenceDef(4, "POLYGON((-16 179.5, -16 -179.5, -17 -179.5, -17 179.5, -16 179.5))")
    inside = [fix(0, -16.5, 179.9), fix(10, -16.5, -179.9)]
    out, _ = run(inside, ctx(fiji))
    assert types(out) == ["geofenceEnter"]
    out, _ = run([fix(0, -16.5, 179.0), fix(10, -16.5, 0.0)], ctx(fiji, **{
        "event.geofence.segmentCrossing": False}))  # fmt: skip
    assert types(out) == []


def test_geojson_polygon_is_lon_lat() -> None:
    ring = [[LON0, LAT0], [LON0, north(500)], [east(500), north(500)], [LON0, LAT0]]
    gj = orjson.dumps({"type": "Polygon", "coordinates": [ring]}).decode()
    s = Shape(GeofenceDef(5, gj))
    assert s.margin(north(300), east(100)) > 0


def test_geofence_speed_limit_feeds_overspeed() -> None:
    gf = GeofenceDef(1, SQUARE.area, {"speedLimit": 30 / 1.852})  # knots, as Traccar stores it
    track = [fix(0, north(250), east(100), speed=50), fix(10, north(260), east(100), speed=50)]
    out, _ = run(track, ctx(gf))
    over = [e for e in out.events if e.type == "deviceOverspeed"]
    assert over and over[0].geofence_id == 1


def test_hundred_geofences_index_finds_only_near_ones() -> None:
    defs = [GeofenceDef(i, f"CIRCLE ({north(i * 1000)} {LON0}, 100)") for i in range(100)]
    idx = index(*defs)
    assert 50 in [s.id for s in idx.near(north(50_000), LON0)]
    assert len(idx.near(north(50_000), LON0)) <= 3  # the index, not a scan of all 100
    out, _ = run([fix(i * 10, north(i * 100)) for i in range(30)], ctx(*defs))
    entered = sorted({e.geofence_id for e in out.events if e.type == "geofenceEnter"})
    assert entered == [0, 1, 2]


def test_memoised_cells_answer_as_a_tree_query_per_point() -> None:
    """``near`` answers from the tree's answer for the grid cell a point is in: each point must
    get the shapes, in the order, that a point query of the tree finds (a box's corners, points
    on cell lines, points asked twice, west of Greenwich and south of the equator included)."""
    import shapely

    from fleetwire.worker.logic.geofences import CELL

    rng = random.Random(3)
    for lat_c, lon_c in ((LAT0, LON0), (-33.9, -70.6)):
        defs = [GeofenceDef(i, f"CIRCLE ({lat_c + rng.uniform(0, 0.05)} "
                               f"{lon_c + rng.uniform(0, 0.05)}, {rng.uniform(50, 400):.0f})")
                for i in range(60)]  # fmt: skip
        idx = index(*defs)
        tree = idx.tree
        assert tree is not None
        points = [(lat_c + rng.uniform(-0.03, 0.08), lon_c + rng.uniform(-0.03, 0.08))
                  for _ in range(400)]  # fmt: skip
        for s in idx.shapes[:10]:
            lon0, lat0, lon1, lat1 = s.bbox
            points += [(lat0, lon0), (lat1, lon1), (lat0, lon1), (lat1, lon0)]
        k = round(lon_c / CELL)
        points += [(lat_c + 0.01, k * CELL), (round(lat_c / CELL) * CELL, lon_c + 0.01)]
        points += points[:50]
        want = {p: [idx.shapes[i].id for i in sorted(tree.query(shapely.Point(p[1], p[0])))]
                for p in points}  # fmt: skip
        assert sum(map(len, want.values())) > 100
        assert {p: [s.id for s in idx.near(*p)] for p in points} == want
        assert idx.near(lat_c - 1, lon_c) == []
