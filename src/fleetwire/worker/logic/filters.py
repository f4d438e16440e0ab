"""Traccar's position filters (`filter.*`): which fixes stay out of telemetry, and why.

A rejected fix is not dropped: the worker keeps it, with the reason, in the rejected-positions
table (and its frame stays in the raw log). "Last" is the device's time predecessor, kept in the
state; "now" is the frame's receive time, so that a replay filters exactly as the live run did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.geo import haversine
from fleetwire.worker.logic.model import Fix

# Every filter ``check`` applies, by its configuration field: all of LogicConfig's filter_*
# fields but the master switch and the two exemptions (which reject nothing). ``checker`` picks
# a path from it, so a filter added to the configuration and to ``check`` is never skipped.
_NOT = ("filter_enable", "filter_skip_limit", "filter_skip_attributes")
FLAGS = tuple(
    f.name for f in fields(LogicConfig) if f.name.startswith("filter_") and f.name not in _NOT
)


def _future(fix: Fix, cfg: LogicConfig) -> bool:
    """`filter.future`: a fix time further ahead of the receive time than the limit."""
    return fix.time > fix.server_time + cfg.filter_future * 1e3


def _exempt(fix: Fix, last: dict[str, Any], cfg: LogicConfig) -> bool:
    """`filter.skipLimit` / `filter.skipAttributes`: a long silence, or a listed attribute that
    changed, lets a fix through the duplicate, static and distance filters."""
    if cfg.filter_skip_limit and fix.server_time - last.get("srv", 0) > cfg.filter_skip_limit * 1e3:
        return True
    if cfg.filter_skip_attributes:
        seen = last.get("skip", {})
        for name in cfg.filter_skip_attributes.split(","):
            name = name.strip()
            if name and fix.attrs.get(name) != seen.get(name):
                return True
    return False


def check(fix: Fix, last: dict[str, Any] | None, cfg: LogicConfig) -> str | None:
    """The name of the first filter that rejects ``fix`` (Traccar's key), or None."""
    if not cfg.filter_enable or fix.lat is None:
        return None  # status records carry no fix to filter
    lat, lon = fix.lat, fix.lon if fix.lon is not None else 0.0
    if cfg.filter_invalid and (not fix.valid or not -90 <= lat <= 90 or not -180 <= lon <= 180):
        return "filter.invalid"
    if cfg.filter_zero and lat == 0 and lon == 0:
        return "filter.zero"
    if cfg.filter_future and _future(fix, cfg):
        return "filter.future"
    if cfg.filter_past and fix.time < fix.server_time - cfg.filter_past * 1e3:
        return "filter.past"
    if cfg.filter_accuracy and (fix.accuracy or 0) > cfg.filter_accuracy:
        return "filter.accuracy"
    if cfg.filter_approximate and fix.attrs.get("approximate") is True:
        return "filter.approximate"
    exempt = last is not None and _exempt(fix, last, cfg)
    if cfg.filter_static and not exempt and fix.speed == 0:
        return "filter.static"
    if last is None or "lat" not in last:
        return None
    if (
        cfg.filter_duplicate
        and not exempt
        and fix.time == last["t"]
        and set(fix.attrs).issubset(last.get("keys", ()))
    ):
        return "filter.duplicate"
    dt = (fix.time - last["t"]) / 1e3
    need_distance = cfg.filter_distance or cfg.filter_max_speed
    d = haversine(last["lat"], last["lon"], lat, lon) if need_distance else 0.0
    if cfg.filter_distance and not exempt and d < cfg.filter_distance:
        return "filter.distance"
    if cfg.filter_max_speed and dt > 0 and d / dt * 3.6 > cfg.filter_max_speed:
        return "filter.maxSpeed"
    if cfg.filter_min_period and 0 < dt < cfg.filter_min_period:
        return "filter.minPeriod"
    return None


def _future_only(fix: Fix, last: dict[str, Any] | None, cfg: LogicConfig) -> str | None:
    """``check`` when `filter.future` is the only filter on (the default)."""
    return "filter.future" if fix.lat is not None and _future(fix, cfg) else None


Checker = Callable[[Fix, dict[str, Any] | None, LogicConfig], str | None]


def checker(cfg: LogicConfig) -> Checker | None:
    """``check`` for this configuration, picked once per run of fixes rather than tested filter
    by filter on every fix: None when no filter is on, a single test for the default."""
    on = [name for name in FLAGS if getattr(cfg, name)] if cfg.filter_enable else []
    if not on:
        return None
    return _future_only if on == ["filter_future"] else check


def remembers(cfg: LogicConfig) -> bool:
    """Whether ``remember`` keeps anything for this configuration."""
    return bool(cfg.filter_duplicate or cfg.filter_skip_attributes)


def remember(fix: Fix, last: dict[str, Any], cfg: LogicConfig) -> None:
    """What the filters need of the predecessor, kept only when a filter that uses it is on."""
    if cfg.filter_duplicate:
        last["keys"] = sorted(fix.attrs)
    if cfg.filter_skip_attributes:
        last["skip"] = {
            k.strip(): fix.attrs.get(k.strip()) for k in cfg.filter_skip_attributes.split(",")
        }
