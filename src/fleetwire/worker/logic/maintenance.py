"""Maintenance due events (Traccar's `maintenance`): for each maintenance of the device (type =
a numeric attribute such as `odometer`, `totalDistance` or `hours`, or `fixTime`; start;
period), an event when the value passes `start` or a `start + k·period` boundary between the
previous fix and this one."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from fleetwire.store.logic_registry import MaintenanceDef
from fleetwire.worker.logic.model import NUMBER, Fix, Outputs, event


def _value(fix: Fix, attr: str) -> float | None:
    if attr in ("fixTime", "deviceTime"):
        return float(fix.time)
    if attr == "serverTime":
        return float(fix.server_time)
    v = fix.attrs.get(attr)
    return float(v) if isinstance(v, NUMBER) and not isinstance(v, bool) else None


def _boundary(d: MaintenanceDef, v: float) -> int:
    """How many boundaries (start, start + period, ...) lie at or below ``v``."""
    if v < d.start:
        return 0
    return 1 + (math.floor((v - d.start) / d.period) if d.period > 0 else 0)


def step(s: dict[str, Any], fix: Fix, defs: Sequence[MaintenanceDef], out: Outputs) -> None:
    for d in defs:
        v = _value(fix, d.type)
        if v is None or v == 0:
            continue
        key = str(d.id)
        prev = s.get(key)
        s[key] = v
        if prev is None or prev == 0 or v <= prev:
            continue
        if _boundary(d, v) > _boundary(d, prev):
            ev = event(fix.device_id, "maintenance", fix.time, fix.id, maintenance_id=d.id)
            ev.attributes[d.type] = v
            out.events.append(ev)
