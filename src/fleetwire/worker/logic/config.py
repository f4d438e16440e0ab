"""Per-device configuration of the business logic under Traccar's key names, resolved once into
plain numbers in Fleetwire's units (km/h, seconds, metres).

Keys come from the device's attributes, then its groups' (nearest first), then the server's
(`[logic]` in the configuration file), then the defaults below. Traccar gives speeds in knots
(`speedLimit`, `filter.maxSpeed`, `event.motion.speedThreshold`): converted here, once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

KNOT = 1.852  # km/h

# key -> (field, default, scale into our unit); Traccar's keys unless marked ours
_KEYS: dict[str, tuple[str, Any, float]] = {
    "filter.enable": ("filter_enable", True, 1),
    "filter.invalid": ("filter_invalid", False, 1),
    "filter.zero": ("filter_zero", False, 1),
    "filter.duplicate": ("filter_duplicate", False, 1),
    "filter.future": ("filter_future", 86400.0, 1),
    "filter.past": ("filter_past", 0.0, 1),
    "filter.accuracy": ("filter_accuracy", 0.0, 1),
    "filter.approximate": ("filter_approximate", False, 1),
    "filter.static": ("filter_static", False, 1),
    "filter.distance": ("filter_distance", 0.0, 1),
    "filter.maxSpeed": ("filter_max_speed", 0.0, KNOT),
    "filter.minPeriod": ("filter_min_period", 0.0, 1),
    "filter.skipLimit": ("filter_skip_limit", 0.0, 1),
    "filter.skipAttributes": ("filter_skip_attributes", "", 1),
    "report.trip.minDistance": ("trip_min_distance", 200.0, 1),
    "report.trip.minDuration": ("trip_min_duration", 180.0, 1),
    "report.trip.stopGap": ("trip_stop_gap", 3600.0, 1),
    "report.trip.useIgnition": ("trip_use_ignition", False, 1),
    "report.ignoreOdometer": ("ignore_odometer", False, 1),
    "event.motion.speedThreshold": ("motion_speed_threshold", 0.01, KNOT),
    "speedLimit": ("speed_limit", 0.0, KNOT),
    "event.overspeed.thresholdMultiplier": ("overspeed_multiplier", 1.0, 1),
    "event.overspeed.minimalDuration": ("overspeed_min_duration", 0.0, 1),
    "event.overspeed.preferLowest": ("overspeed_prefer_lowest", False, 1),
    "event.ignoreDuplicateAlerts": ("alarm_dedupe", True, 1),
    "event.alarm.dedupeWindow": ("alarm_window", 300.0, 1),  # ours
    "fuelDropThreshold": ("fuel_drop", 0.0, 1),
    "fuelIncreaseThreshold": ("fuel_increase", 0.0, 1),
    "event.fuel.window": ("fuel_window", 600.0, 1),  # ours
    "engineHours.maxGap": ("hours_max_gap", 900.0, 1),  # ours
    "distance.maxSpeed": ("distance_max_speed", 1000.0, 1),  # ours, km/h: the jump guard
    "geofence.hysteresis": ("geofence_hysteresis", 0.0, 1),  # ours, m
    "geofence.dwell": ("geofence_dwell", 0.0, 1),  # ours, s
    "event.geofence.segmentCrossing": ("geofence_crossing", True, 1),
    "polylineDistance": ("polyline_distance", 25.0, 1),
    "event.status.enable": ("status_enable", True, 1),
    "late.maxAge": ("late_max_age", 7 * 86400.0, 1),  # ours, s
    "status.timeout": ("status_timeout", 600.0, 1),
    "deviceInactivityStart": ("inactivity_start", 0.0, 0.001),  # Traccar's ms, to s
    "deviceInactivityPeriod": ("inactivity_period", 0.0, 0.001),
}


@dataclass(frozen=True, slots=True)
class LogicConfig:
    filter_enable: bool = True
    filter_invalid: bool = False
    filter_zero: bool = False
    filter_duplicate: bool = False
    filter_future: float = 86400.0
    filter_past: float = 0.0
    filter_accuracy: float = 0.0
    filter_approximate: bool = False
    filter_static: bool = False
    filter_distance: float = 0.0
    filter_max_speed: float = 0.0
    filter_min_period: float = 0.0
    filter_skip_limit: float = 0.0
    filter_skip_attributes: str = ""
    trip_min_distance: float = 200.0
    trip_min_duration: float = 180.0
    trip_stop_gap: float = 3600.0
    trip_use_ignition: bool = False
    ignore_odometer: bool = False
    motion_speed_threshold: float = 0.01 * KNOT
    speed_limit: float = 0.0
    overspeed_multiplier: float = 1.0
    overspeed_min_duration: float = 0.0
    overspeed_prefer_lowest: bool = False
    alarm_dedupe: bool = True
    alarm_window: float = 300.0
    fuel_drop: float = 0.0
    fuel_increase: float = 0.0
    fuel_window: float = 600.0
    hours_max_gap: float = 900.0
    distance_max_speed: float = 1000.0
    geofence_hysteresis: float = 0.0
    geofence_dwell: float = 0.0
    geofence_crossing: bool = True
    polyline_distance: float = 25.0
    status_enable: bool = True
    status_timeout: float = 600.0
    inactivity_start: float = 0.0
    inactivity_period: float = 0.0
    late_max_age: float = 7 * 86400.0


_TYPES = {f.name: f.type for f in fields(LogicConfig)}


def _value(key: str, raw: Any) -> Any:
    _, default, scale = _KEYS[key]
    if isinstance(default, bool):
        if isinstance(raw, str):
            return raw.strip().lower() in ("true", "1", "yes", "on")
        return bool(raw)
    if isinstance(default, str):
        return str(raw)
    try:
        return float(raw) * scale
    except (TypeError, ValueError):
        raise ValueError(f"{key}: not a number: {raw!r}") from None


def resolve(layers: Sequence[Mapping[str, Any]]) -> LogicConfig:
    """The configuration from attribute maps, most specific first (device, groups, server).
    Keys this module does not know are ignored (attributes hold much else)."""
    values: dict[str, Any] = {}
    for layer in reversed(layers):
        for key, raw in layer.items():
            if key in _KEYS and raw is not None:
                values[_KEYS[key][0]] = _value(key, raw)
    return LogicConfig(**values)


DEFAULT = LogicConfig()
