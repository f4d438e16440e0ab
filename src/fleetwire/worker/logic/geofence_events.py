"""Geofence membership of a device over time: geofenceEnter / geofenceExit events and visits.

Beyond Traccar: hysteresis (metres: once inside, a device leaves only when that far outside
the border, so GPS jitter at the border is one enter, not a pair per fix), dwell (seconds inside
before an enter counts; the enter is stamped at the first fix inside), and a geofence the
segment between two fixes runs through without either fix in it is entered and left at the
interpolated times (`crossing` attribute). Exits come before enters, as in Traccar.
State: {"in": {id: [enter time, enter position]}, "cand": {id: [time, position]}}.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


Step = Callable[[dict[str, Any], Fix, "Prev | None", Outputs], Sequence[tuple[int, float]]]
Prev = tuple[int, float, float, int]  # the predecessor: time, lat, lon, content hash
_NO_LIMITS: tuple[tuple[int, float], ...] = ()
_NOWHERE: list[Shape] = []  # never added to


def stepper(index: GeofenceIndex, cfg: LogicConfig) -> Step:
    """``step(state, fix, predecessor, out)`` for this device's geofences and configuration:
    one located fix; returns the speed limits (km/h) of the geofences it is in."""
    # a device without geofences asks no index (a removed one still leaves: by_id is empty)
    near_of = index.near if index.shapes else lambda lat, lon: _NOWHERE
    by_id = index.by_id
    crossing = cfg.geofence_crossing and bool(index.shapes)
    hysteresis, dwell_s = cfg.geofence_hysteresis, cfg.geofence_dwell

    def step(g: dict[str, Any], fix: Fix, prev: Prev | None,
             out: Outputs) -> Sequence[tuple[int, float]]:  # fmt: skip
        lat, lon = fix.lat, fix.lon
        assert lat is not None and lon is not None
        inside: dict[str, list[Any]] = g.setdefault("in", {})
        cand: dict[str, list[Any]] = g.setdefault("cand", {})
        around = near_of(lat, lon)
        if not around and not inside and not cand:  # the common case: nowhere near a geofence
            if crossing and prev is not None and fix.attrs.get("distance", PAD) >= PAD:
                _crossings(g, fix, prev, index, around, {}, out)
            return _NO_LIMITS
        dev = fix.device_id
        near: dict[str, Shape | None] = {s.key: s for s in around}
        here: list[Any] | None = None  # [time, position id]: worked out when a record needs it
        limits: list[tuple[int, float]] = []
        entered: list[tuple[int, list[Any]]] = []
        margins: dict[str, float] = {}
        if inside or cand:
            for key in [*inside, *(k for k in cand if k not in inside)]:
                if key not in near:
                    near[key] = by_id.get(int(key))
        for key, shape in near.items():
            if shape is None:  # the geofence was removed or unlinked: leave it now
                if key in inside:
                    here = here or [fix.time, fix.id]
                    _exit(dev, int(key), inside.pop(key), here, out)
                cand.pop(key, None)
                continue
            if key in inside or key in cand:
                margin = shape.margin(lat, lon)
            else:
                margin = shape.quick(lat, lon)  # enough to tell "not entering"
            margins[key] = margin
            hyst = shape.hysteresis if shape.hysteresis is not None else hysteresis
            if key in inside:
                if margin >= -hyst:
                    if margin >= 0 and shape.speed_limit:
                        limits.append((shape.id, shape.speed_limit))
                    continue
                here = here or [fix.time, fix.id]
                _exit(dev, shape.id, inside.pop(key), here, out)
            elif margin >= 0:
                dwell = shape.dwell if shape.dwell is not None else dwell_s
                here = here or [fix.time, fix.id]
                first = cand.setdefault(key, here)
                if fix.time - first[0] >= dwell * 1000:
                    del cand[key]
                    inside[key] = first
                    entered.append((shape.id, first))
                if shape.speed_limit:
                    limits.append((shape.id, shape.speed_limit))
            elif margin < -hyst:
                cand.pop(key, None)
        if crossing and prev is not None:
            _crossings(g, fix, prev, index, around, margins, out)
        for gid, at in entered:
            _enter(dev, gid, at, out)
        return limits

    return step


def _crossings(
    g: dict[str, Any],
    fix: Fix,
    prev: Prev,
    index: GeofenceIndex,
    around: list[Shape],
    margins: dict[str, float],
    out: Outputs,
) -> None:
    """Geofences the segment from the predecessor runs through with neither end inside."""
    assert fix.lat is not None and fix.lon is not None
    t0, lat0, lon0, dd0 = prev
    a, b = (lat0, lon0), (fix.lat, fix.lon)
    inside = g["in"]
    leg = haversine(lat0, lon0, fix.lat, fix.lon)
    for shape in around if leg < PAD else index.along(a, b):
        key = shape.key
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
        enter = [t_in, position_id(fix.device_id, t0, dd0)]
        _enter(fix.device_id, shape.id, enter, out, crossing=True)
        _exit(fix.device_id, shape.id, enter, [max(t_out, t_in), fix.id], out, crossing=True)
