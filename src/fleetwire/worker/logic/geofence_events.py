"""Geofence membership of a device over time: geofenceEnter / geofenceExit events and visits.

Beyond Traccar: hysteresis (metres: once inside, a device leaves only when that far outside
the border, so GPS jitter at the border is one enter, not a pair per fix), dwell (seconds inside
before an enter counts; the enter is stamped at the first fix inside), and a geofence the
segment between two fixes runs through without either fix in it is entered and left at the
interpolated times (`crossing` attribute). Exits come before enters, as in Traccar.
State: {"in": {id: [enter time, enter position]}, "cand": {id: [time, position]}}.
"""

from __future__ import annotations

from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.geo import haversine
from fleetwire.worker.logic.geofences import PAD, GeofenceIndex, Shape
from fleetwire.worker.logic.model import Fix, Outputs, Visit, derived_id, event, position_id


def visit(dev: int, gid: int, enter: list[Any], exit_: list[Any] | None) -> Visit:
    return Visit(
        derived_id(dev, "visit", gid, enter[0]), dev, gid, enter[0],
        exit_[0] if exit_ else None, enter[1], exit_[1] if exit_ else None,
    )  # fmt: skip


def _enter(dev: int, gid: int, at: list[Any], out: Outputs, **attrs: Any) -> None:
    out.events.append(event(dev, "geofenceEnter", at[0], at[1], geofence_id=gid, **attrs))
    out.visits.append(visit(dev, gid, at, None))


def _exit(dev: int, gid: int, enter: list[Any], at: list[Any], out: Outputs, **attrs: Any) -> None:
    out.events.append(event(dev, "geofenceExit", at[0], at[1], geofence_id=gid, **attrs))
    out.visits.append(visit(dev, gid, enter, at))


def step(
    g: dict[str, Any],
    fix: Fix,
    prev: tuple[int, float, float, int] | None,  # the predecessor: time, lat, lon, content hash
    index: GeofenceIndex,
    cfg: LogicConfig,
    out: Outputs,
) -> list[tuple[int, float]]:
    """One located fix; returns the speed limits (km/h) of the geofences it is in."""
    assert fix.lat is not None and fix.lon is not None
    dev = fix.device_id
    inside: dict[str, list[Any]] = g.setdefault("in", {})
    cand: dict[str, list[Any]] = g.setdefault("cand", {})
    around = index.near(fix.lat, fix.lon)
    if not around and not inside and not cand:  # the common case: nowhere near a geofence
        if (
            cfg.geofence_crossing
            and prev is not None
            and index.shapes
            and fix.attrs.get("distance", PAD) >= PAD  # the leg from the predecessor
        ):
            _crossings(g, fix, prev, index, around, {}, out)
        return []
    near: dict[str, Shape | None] = {str(s.id): s for s in around}
    here = [fix.time, fix.id]
    limits: list[tuple[int, float]] = []
    entered: list[tuple[int, list[Any]]] = []
    margins: dict[str, float] = {}
    for key in [*inside, *(k for k in cand if k not in inside)]:
        if key not in near:
            near[key] = index.by_id.get(int(key))
    for key, shape in near.items():
        if shape is None:  # the geofence was removed or unlinked: leave it now
            if key in inside:
                _exit(dev, int(key), inside.pop(key), here, out)
            cand.pop(key, None)
            continue
        if key in inside or key in cand:
            margin = shape.margin(fix.lat, fix.lon)
        else:
            margin = shape.quick(fix.lat, fix.lon)  # enough to tell "not entering"
        margins[key] = margin
        hyst = shape.hysteresis if shape.hysteresis is not None else cfg.geofence_hysteresis
        if key in inside:
            if margin >= -hyst:
                if margin >= 0 and shape.speed_limit:
                    limits.append((shape.id, shape.speed_limit))
                continue
            _exit(dev, shape.id, inside.pop(key), here, out)
        elif margin >= 0:
            dwell = shape.dwell if shape.dwell is not None else cfg.geofence_dwell
            first = cand.setdefault(key, here)
            if fix.time - first[0] >= dwell * 1000:
                del cand[key]
                inside[key] = first
                entered.append((shape.id, first))
            if shape.speed_limit:
                limits.append((shape.id, shape.speed_limit))
        elif margin < -hyst:
            cand.pop(key, None)
    if cfg.geofence_crossing and prev is not None:
        _crossings(g, fix, prev, index, around, margins, out)
    for gid, at in entered:
        _enter(dev, gid, at, out)
    return limits


def _crossings(
    g: dict[str, Any],
    fix: Fix,
    prev: tuple[int, float, float, int],
    index: GeofenceIndex,
    around: list[Shape],
    margins: dict[str, float],
    out: Outputs,
) -> None:
    """Geofences the segment from the predecessor runs through with neither end inside."""
    assert fix.lat is not None and fix.lon is not None
    t0, lat0, lon0, dd0 = prev
    pid0 = position_id(fix.device_id, t0, dd0)
    a, b = (lat0, lon0), (fix.lat, fix.lon)
    inside = g["in"]
    leg = haversine(lat0, lon0, fix.lat, fix.lon)
    for shape in around if leg < PAD else index.along(a, b):
        key = str(shape.id)
        if key in inside or key in g["cand"]:
            continue
        here = margins.get(key)
        if here is None:
            here = shape.quick(fix.lat, fix.lon)
        if here >= 0 or -here >= leg:  # inside, or too far for the segment to reach it
            continue
        if shape.quick(lat0, lon0) >= 0:
            continue
        span = shape.crossing(a, b)
        if span is None:
            continue
        t_in = t0 + int((fix.time - t0) * span[0])
        t_out = t0 + int((fix.time - t0) * span[1])
        enter = [t_in, pid0]
        _enter(fix.device_id, shape.id, enter, out, crossing=True)
        _exit(fix.device_id, shape.id, enter, [max(t_out, t_in), fix.id], out, crossing=True)
