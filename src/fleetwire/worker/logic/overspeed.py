"""Overspeed episodes (Traccar's deviceOverspeed): speed above limit × multiplier for at least the
minimal duration gives one event per episode, stamped at the episode's first fix; at the
episode's end the same event (same id) is written again with its end time and top speed.

Limit precedence as Traccar: the geofences the fix is in (highest, or lowest with
`event.overspeed.preferLowest`), then the position's `speedLimit` attribute, then the device's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.model import NUMBER, Event, Fix, Outputs, event


def limit(fix: Fix, cfg: LogicConfig, geofence_limits: Sequence[tuple[int, float]]) -> tuple[
    float, int | None]:  # fmt: skip
    """(limit km/h, geofence id it came from)."""
    if geofence_limits:
        pick = min if cfg.overspeed_prefer_lowest else max
        gid, lim = pick(geofence_limits, key=lambda g: g[1])
        return lim, gid
    attr = fix.attrs.get("speedLimit")
    if isinstance(attr, NUMBER) and not isinstance(attr, bool) and attr > 0:
        return float(attr), None
    return cfg.speed_limit, None


def episode_event(dev: int, ep: dict[str, Any], end: int | None) -> Event:
    """The episode's event: at its end with the top speed of the whole episode; while it is
    open, as written when it was confirmed (the top speed up to then, kept in "wmax"), so that a
    recompute ending inside the episode rewrites the same row, whatever the batches were."""
    top = ep["vmax"] if end is not None else ep.get("wmax", ep["vmax"])
    attrs: dict[str, Any] = {"speed": ep["v0"], "speedLimit": ep["lim"], "maxSpeed": top}
    if end is not None:
        attrs["end"] = end
    return event(dev, "deviceOverspeed", ep["t"], ep["pid"], geofence_id=ep["gid"], **attrs)


Step = Callable[[dict[str, Any], Fix, Sequence[tuple[int, float]], Outputs], None]


def stepper(cfg: LogicConfig) -> Step:
    """``step(state, fix, geofence limits, out)`` for this configuration."""
    device_limit = cfg.speed_limit
    multiplier = cfg.overspeed_multiplier
    min_ms = cfg.overspeed_min_duration * 1000

    def step(o: dict[str, Any], fix: Fix, geofence_limits: Sequence[tuple[int, float]],
             out: Outputs) -> None:  # fmt: skip
        speed = fix.speed
        if speed is None:
            return
        if geofence_limits or "speedLimit" in fix.attrs:
            lim, gid = limit(fix, cfg, geofence_limits)
        else:  # the device's own limit: most fixes, without the lookups
            lim, gid = device_limit, None
        ep = o.get("ep")
        if not (lim > 0 and speed > lim * multiplier):
            if ep is not None:
                if ep["sent"]:
                    out.events.append(episode_event(fix.device_id, ep, fix.time))
                del o["ep"]
            return
        if ep is None:
            ep = o["ep"] = {"t": fix.time, "pid": fix.id, "v0": speed, "vmax": speed,
                            "lim": lim, "gid": gid, "sent": False}  # fmt: skip
        ep["vmax"] = max(ep["vmax"], speed)
        if not ep["sent"] and fix.time - ep["t"] >= min_ms:
            ep["sent"] = True
            ep["wmax"] = ep["vmax"]
            out.events.append(episode_event(fix.device_id, ep, None))

    return step
