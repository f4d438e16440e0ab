"""One device's fixes through every concern, in Traccar's order: filters, motion attribute,
distance, engine hours, fuel, geofences, motion/trips/stops, overspeed, alarms, ignition, driver,
command result, media, maintenance.

``run`` is a function of (state, fixes in time order, context) -> (state, outputs): the state is
one JSON-serialisable dict per device (updated in place for speed; the caller owns the copy it
passes), outputs carry deterministic ids, and nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fleetwire.store.logic_registry import MaintenanceDef
from fleetwire.worker.logic import (
    alarms,
    attribute_events,
    filters,
    geofence_events,
    ignition_trips,
    maintenance,
    motion,
    odometer,
    overspeed,
)
from fleetwire.worker.logic.computed import Computed
from fleetwire.worker.logic.config import DEFAULT, LogicConfig
from fleetwire.worker.logic.geofences import EMPTY, GeofenceIndex
from fleetwire.worker.logic.model import Fix, Outputs

# 2: the motion window keeps parked fixes light and drops far ones (motion.py); a version 1
# state is read as it is (its window is whole, as version 2 before any trimming)
STATE_VERSION = 2


@dataclass(slots=True)
class DeviceContext:
    """What the registry says about a device: its resolved keys, geofences, maintenances."""

    config: LogicConfig = DEFAULT
    geofences: GeofenceIndex = EMPTY
    maintenances: Sequence[MaintenanceDef] = field(default_factory=tuple)
    computed: Computed | None = None  # its computed attributes (logic/computed.py)
    # the handlers with this configuration and these geofences bound, built on the first run
    # (a worker keeps the context while the registry is unchanged: once, not once per batch)
    steps: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)


def _steps(ctx: DeviceContext) -> tuple[Any, ...]:
    cfg = ctx.config
    steps = ctx.steps
    if steps is None or steps[0] is not cfg or steps[1] is not ctx.geofences:
        steps = ctx.steps = (
            cfg,
            ctx.geofences,
            filters.checker(cfg),
            (ignition_trips if cfg.trip_use_ignition else motion).stepper(cfg),
            odometer.stepper(cfg),
            geofence_events.stepper(ctx.geofences, cfg),
            overspeed.stepper(cfg),
        )
    return steps


def new_state() -> dict[str, Any]:
    return {"v": STATE_VERSION}


def watermark(state: dict[str, Any]) -> tuple[int, int] | None:
    """(fix time, content hash) of the last fix the state includes."""
    key = state.get("key")
    return (key[0], key[1]) if key else None


def run(
    state: dict[str, Any],
    fixes: Iterable[Fix],
    ctx: DeviceContext,
    out: Outputs,
    *,
    check: bool | Collection[tuple[int, int]] = True,
    before: Callable[[Fix], None] | None = None,
    after: Callable[[Fix, str | None], None] | None = None,
) -> list[str | None]:
    """Process ``fixes`` (in time order, all after the watermark); returns, per fix, the filter
    that rejected it or None. Accepted fixes get the logic's attributes. ``check=False`` runs
    fixes that were accepted before (a recompute over stored positions) without the filters; a
    collection of order keys filters only those fixes (a recompute's late ones, against their
    time predecessor as an in-order run would).
    ``before`` and ``after`` are called around each fix (the caller's bookkeeping: checkpoints,
    which fix emitted which output)."""
    fixes = list(fixes)
    cfg = ctx.config
    state["v"] = STATE_VERSION  # what this run leaves in it, whatever it was read as
    last: dict[str, Any] = state.setdefault("last", {})
    hrs: dict[str, Any] = state.setdefault("hrs", {})
    fuel: dict[str, Any] = state.setdefault("fuel", {})
    geo: dict[str, Any] = state.setdefault("geo", {})
    mot: dict[str, Any] = state.setdefault("mot", {})
    ovs: dict[str, Any] = state.setdefault("ovs", {})
    alm: dict[str, Any] = state.setdefault("alm", {})
    att: dict[str, Any] = state.setdefault("att", {})
    mnt: dict[str, Any] = state.setdefault("mnt", {})
    reasons: list[str | None] = []
    computed = ctx.computed
    # what this configuration needs, decided once rather than on every fix
    _, _, checker, trips, odometer_step, geofence_step, overspeed_step = _steps(ctx)
    filtered = checker if check else None
    only = None if isinstance(check, bool) else check
    remember = filters.remembers(cfg)
    maintenances = ctx.maintenances
    threshold = cfg.motion_speed_threshold
    # the last located fix (time, lat, lon, content hash): the start of a crossing's segment
    prev = (last["t"], last["lat"], last["lon"], last["dd"]) if "lat" in last else None
    for fix in fixes:
        if before is not None:
            before(fix)
        if computed is not None:
            computed.run_early(fix)
        if filtered is None or (only is not None and fix.order not in only):
            reason = None
        else:
            reason = filtered(fix, last, cfg)
        reasons.append(reason)
        if reason is not None:
            if after is not None:
                after(fix, reason)
            continue
        a = fix.attrs
        if "motion" not in a:  # motion.motion_attribute, inline: it runs for every fix
            a["motion"] = (fix.speed or 0.0) > threshold
        odometer_step(last, hrs, fix)
        used = (
            attribute_events.fuel(fuel, fix, cfg, out)
            if fuel or "fuel" in a or "fuelUsed" in a
            else None
        )
        if fix.located:
            last["dd"] = fix.dedup
            limits = geofence_step(geo, fix, prev, out)
            if geo["in"]:
                a["geofenceIds"] = sorted(int(k) for k in geo["in"])
            trips(mot, fix, used, out)
            overspeed_step(ovs, fix, limits, out)
            prev = (fix.time, fix.lat, fix.lon, fix.dedup)
        if computed is not None:
            computed.run_late(fix)
            a = fix.attrs
        # the attribute handlers, called only when their attribute is there
        if "alarm" in a:
            alarms.step(alm, fix, cfg, out)
        if "ignition" in a:
            attribute_events.ignition(att, fix, out)
        if "driverUniqueId" in a:
            attribute_events.driver(att, fix, out)
        if "result" in a:
            attribute_events.command_result(fix, out)
        if "image" in a or "video" in a or "audio" in a:
            attribute_events.media(fix, out)
        if maintenances:
            maintenance.step(mnt, fix, maintenances, out)
        last["srv"] = fix.server_time
        if remember:
            filters.remember(fix, last, cfg)
        state["key"] = [fix.time, fix.dedup]
        if after is not None:
            after(fix, None)
    return reasons


def open_outputs(state: dict[str, Any], device_id: int) -> Outputs:
    """The records still open at the end of ``state`` (a geofence stay, a confirmed overspeed
    episode, a fuel episode), as last written: a recompute that ends with them open writes them
    again so that they are not taken for records that no longer hold."""
    out = Outputs()
    for key, enter in (state.get("geo") or {}).get("in", {}).items():
        out.visits.append(geofence_events.visit(device_id, int(key), enter, None))
    ep = (state.get("ovs") or {}).get("ep")
    if ep is not None and ep["sent"]:
        out.events.append(overspeed.episode_event(device_id, ep, None))
    fep = (state.get("fuel") or {}).get("ep")
    if fep is not None:
        out.events.append(attribute_events.fuel_event(device_id, fep))
    return out


def open_segment(state: dict[str, Any]) -> dict[str, Any] | None:
    """The trip or stop still open in the state: {"kind", "start_time", "position_id", ...};
    reports show it up to the last fix."""
    mot = state.get("mot") or {}
    seg = mot.get("seg")
    if not seg:
        return None
    return {"kind": "trip" if mot.get("mv") else "stop", "start": seg}
