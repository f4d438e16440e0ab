"""Alarm events: one per value of the position's `alarm` attribute (Traccar's vocabulary,
comma-separated lists allowed), each value deduplicated over a window
(`event.alarm.dedupeWindow`, sliding: a value repeated on every fix of a held SOS button is one
event; two presses further apart than the window are two)."""

from __future__ import annotations

from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.model import Fix, Outputs, event


def step(a: dict[str, Any], fix: Fix, cfg: LogicConfig, out: Outputs) -> None:
    raw = fix.attrs.get("alarm")
    if not isinstance(raw, str) or not raw:
        return
    window = cfg.alarm_window * 1000 if cfg.alarm_dedupe else 0
    for value in dict.fromkeys(v.strip() for v in raw.split(",")):
        if not value:
            continue
        seen = a.get(value)
        a[value] = fix.time
        if seen is not None and 0 <= fix.time - seen <= window:
            continue
        out.events.append(event(fix.device_id, "alarm", fix.time, fix.id, value, alarm=value))
