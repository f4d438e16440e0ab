"""deviceInactive (Traccar's inactivity check): a device that sent nothing for
`deviceInactivityStart` gets one event, then one more every `deviceInactivityPeriod` while the
silence lasts (both keys in Traccar's milliseconds, resolved to seconds; 0 = off).

Each event is stamped at its due moment, last receive + start + k * period, not at the sweep that
found it, so its id is the same whoever sweeps and whenever: a sweep late by several periods
emits the latest due one only (no burst of stale reminders). Works on the status state of
logic/status.py ({"seen": last receive ms, "data": the last frame's before a close, ...}) and
keeps there the last moment emitted ("ina")."""

from __future__ import annotations

from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.model import Outputs, event


def due(seen_ms: int, now_ms: int, cfg: LogicConfig) -> int | None:
    """The latest inactivity moment at or before ``now_ms`` for a device last heard at
    ``seen_ms``; None when there is none (off, or not silent long enough)."""
    if cfg.inactivity_start <= 0:
        return None
    first = seen_ms + int(cfg.inactivity_start * 1000)
    if now_ms < first:
        return None
    period = int(cfg.inactivity_period * 1000)
    if period <= 0:
        return first
    return first + (now_ms - first) // period * period


def check(s: dict[str, Any], device_id: int, now_ms: int, cfg: LogicConfig,
          out: Outputs) -> bool:  # fmt: skip
    """Whether a deviceInactive is due and not yet emitted (then it is in ``out``)."""
    seen = s.get("data") if s.get("st") == "offline" and "data" in s else s.get("seen")
    if seen is None:
        return False
    at = due(seen, now_ms, cfg)
    if at is None or at <= s.get("ina", 0):
        return False
    out.events.append(event(device_id, "deviceInactive", at, None, lastUpdate=seen))
    s["ina"] = at
    return True
