"""Distance, odometer and engine hours from the time predecessor (Traccar's `distance`,
`totalDistance` and `hours` attributes), with the gap caps Traccar lacks: a jump faster than
`distance.maxSpeed` is not driven distance, and ignition-on time across a silence longer than
`engineHours.maxGap` is not engine time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.geo import haversine
from fleetwire.worker.logic.model import NUMBER, Fix


def _counts(given: Any) -> bool:
    return isinstance(given, NUMBER) and not isinstance(given, bool) and given >= 0


def odometer(fix: Fix, cfg: LogicConfig) -> float:
    """The odometer reports use: the device's when it has a sane one, else ours."""
    dev = fix.attrs.get("odometer")
    if not cfg.ignore_odometer and isinstance(dev, NUMBER) and dev > 0:
        return float(dev)
    return float(fix.attrs.get("totalDistance", 0.0))


Step = Callable[[dict[str, Any], dict[str, Any], Fix], None]


def stepper(cfg: LogicConfig) -> Step:
    """``step(last, hours_state, fix)`` for this configuration: sets ``distance`` and
    ``totalDistance`` (m) and ``hours`` (ms) on the fix from its time predecessor, updating the
    state. One call per fix for both, the configuration's caps read once per run."""
    max_kmh = cfg.distance_max_speed
    max_gap = cfg.hours_max_gap * 1e3

    def step(last: dict[str, Any], hrs: dict[str, Any], fix: Fix) -> None:
        a = fix.attrs
        t = fix.time
        # distance: the decoder's own leg when it gives one, else the haversine from the
        # predecessor; a jump faster than `distance.maxSpeed` is not driven distance
        total = last.get("td", 0.0)
        d = 0.0
        located = fix.located
        if located and "lat" in last:
            given = a.get("distance")
            if given is not None and _counts(given):
                d = float(given)
            else:
                lat, lon = fix.lat, fix.lon
                assert lat is not None and lon is not None
                lat0, lon0 = last["lat"], last["lon"]
                if lat0 != lat or lon0 != lon:  # parked on the same spot: 0, as haversine
                    d = haversine(lat0, lon0, lat, lon)
            dt = (t - last["t"]) / 1e3
            if d > 0 and (dt <= 0 or d / dt * 3.6 > max_kmh):
                d = 0.0  # a jump, not a drive
        total += d
        # centimetres are plenty; int() is cheaper than round(x, 2)
        a["distance"] = int(d * 100 + 0.5) / 100
        a["totalDistance"] = int(total * 100 + 0.5) / 100
        last["td"] = total
        if located:
            last["lat"], last["lon"], last["t"] = fix.lat, fix.lon, t
        # engine hours: the decoder's when it gives them, else the ignition-on time accumulated
        # from the predecessor, not counting silences over `engineHours.maxGap`
        given = a.get("hours")
        ign = a.get("ignition")
        hours = hrs.get("h", 0)
        if given is not None and isinstance(given, NUMBER) and not isinstance(given, bool):
            hours = int(given)
        else:
            dt = t - hrs.get("ht", t)
            if ign is True and hrs.get("ign") is True and 0 < dt <= max_gap:
                hours += dt
            a["hours"] = hours
        hrs["h"] = hours
        hrs["ht"] = t
        if isinstance(ign, bool):
            hrs["ign"] = ign

    return step
