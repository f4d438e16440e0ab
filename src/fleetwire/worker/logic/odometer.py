"""Distance, odometer and engine hours from the time predecessor (Traccar's `distance`,
`totalDistance` and `hours` attributes), with the gap caps Traccar lacks: a jump faster than
`distance.maxSpeed` is not driven distance, and ignition-on time across a silence longer than
`engineHours.maxGap` is not engine time."""

from __future__ import annotations

from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.geo import haversine
from fleetwire.worker.logic.model import NUMBER, Fix


def _counts(given: Any) -> bool:
    return isinstance(given, NUMBER) and not isinstance(given, bool) and given >= 0


def distance(last: dict[str, Any], fix: Fix, cfg: LogicConfig) -> None:
    """Sets ``distance`` and ``totalDistance`` (m) on the fix; updates ``last``."""
    total = last.get("td", 0.0)
    d = 0.0
    if fix.located and "lat" in last:
        given = fix.attrs.get("distance")
        if given is not None and _counts(given):  # the decoder's own leg, when it gives one
            d = float(given)
        else:
            assert fix.lat is not None and fix.lon is not None
            lat0, lon0 = last["lat"], last["lon"]
            if lat0 != fix.lat or lon0 != fix.lon:  # parked on the same spot: 0, as haversine
                d = haversine(lat0, lon0, fix.lat, fix.lon)
        dt = (fix.time - last["t"]) / 1e3
        if d > 0 and (dt <= 0 or d / dt * 3.6 > cfg.distance_max_speed):
            d = 0.0  # a jump, not a drive
    total += d
    a = fix.attrs  # centimetres are plenty; int() is cheaper than round(x, 2)
    a["distance"] = int(d * 100 + 0.5) / 100
    a["totalDistance"] = int(total * 100 + 0.5) / 100
    last["td"] = total
    if fix.located:
        last["lat"], last["lon"], last["t"] = fix.lat, fix.lon, fix.time


def odometer(fix: Fix, cfg: LogicConfig) -> float:
    """The odometer reports use: the device's when it has a sane one, else ours."""
    dev = fix.attrs.get("odometer")
    if not cfg.ignore_odometer and isinstance(dev, NUMBER) and dev > 0:
        return float(dev)
    return float(fix.attrs.get("totalDistance", 0.0))


def engine_hours(last: dict[str, Any], fix: Fix, cfg: LogicConfig) -> None:
    """Sets ``hours`` (ms) on the fix: the decoder's when it gives one, else the ignition-on
    time accumulated from the predecessor, not counting silences over the cap."""
    given = fix.attrs.get("hours")
    ign = fix.attrs.get("ignition")
    hours = last.get("h", 0)
    if given is not None and isinstance(given, NUMBER) and not isinstance(given, bool):
        hours = int(given)
    else:
        dt = fix.time - last.get("ht", fix.time)
        if ign is True and last.get("ign") is True and 0 < dt <= cfg.hours_max_gap * 1e3:
            hours += dt
        fix.attrs["hours"] = hours
    last["h"] = hours
    last["ht"] = fix.time
    if isinstance(ign, bool):
        last["ign"] = ign
