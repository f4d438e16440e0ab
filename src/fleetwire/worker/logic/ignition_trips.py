"""Trips and stops by ignition (`report.trip.useIgnition`, per device, group or server) instead
of motion: a trip is a span with the ignition on, from the first fix that reports it on to the
first that reports it off; the stop runs from there to the next trip.

An ignition-on span counts as a trip once it lasts `report.trip.minDuration` or covers
`report.trip.minDistance` (a minute with the engine on in the yard is part of the stop); the
trip is then back-dated to the span's first fix, as Traccar confirms a candidate. A silence
longer than `report.trip.stopGap` in a trip ends it at the last fix before the silence (the
geometric mode's rule). Fixes without an `ignition` attribute change nothing.

Same state keys and records as logic/motion.py (``mv``, ``seg``, ``vmax``, ``drv``: what
engine.open_segment and the reports read), through its segment helpers; its own keys: ``last``
(the previous entry) and ``cand`` / ``cv`` (the unconfirmed span's first entry, its top speed).
"""

from __future__ import annotations

from typing import Any

from fleetwire.worker.logic import motion
from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.model import Fix, Outputs

T, SPD, TD = motion.T, motion.SPD, motion.TD


def step(m: dict[str, Any], fix: Fix, cfg: LogicConfig, fuel_used: float | None,
         out: Outputs) -> None:  # fmt: skip
    """One located fix, after distance and hours were set on it."""
    dev = fix.device_id
    e = motion.entry(fix, cfg, fuel_used)
    ign = fix.attrs.get("ignition")
    driver = fix.attrs.get("driverUniqueId")
    last = m.get("last")
    if last is None:
        m.update(mv=False, seg=e, vmax=0.0)
    elif (e[T] - last[T]) / 1000 > cfg.trip_stop_gap:
        if m["mv"]:
            motion._end_trip(m, dev, last, out, driver)
        m.pop("cand", None)  # a span interrupted by the silence starts again here if still on
    m["last"] = e
    if m["mv"]:
        m["vmax"] = max(m["vmax"], e[SPD])
        if ign is False:
            motion._end_trip(m, dev, e, out, driver)
        return
    if ign is False:
        m.pop("cand", None)
        return
    cand = m.get("cand")
    if cand is None:
        if ign is not True:
            return
        cand = m["cand"] = e
        m["cv"] = e[SPD]
    m["cv"] = max(m["cv"], e[SPD])
    long_enough = e[T] - cand[T] >= cfg.trip_min_duration * 1000
    if long_enough or e[TD] - cand[TD] >= cfg.trip_min_distance:
        motion._start_trip(m, dev, cand, out, driver)
        m["vmax"] = m.pop("cv")
        del m["cand"]


def stepper(cfg: LogicConfig) -> motion.Step:
    """``step`` for this configuration, with motion.stepper's signature."""
    return lambda m, fix, fuel_used, out: step(m, fix, cfg, fuel_used, out)
