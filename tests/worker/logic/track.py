"""Scripted tracks for the business-logic tests: fixes along a line at a given speed and period,
and a runner that feeds them through the engine (optionally with the state serialised to JSON
between fixes, as the worker stores it)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import orjson

from fleetwire.worker.logic import engine
from fleetwire.worker.logic.model import Fix, Outputs

T0 = 1_780_000_000_000  # ms, 2026-05-28
LAT0, LON0 = 54.6872, 25.2797
M_PER_DEG_LAT = 6_378_137.0 * math.pi / 180


def north(metres: float, lat: float = LAT0) -> float:
    return lat + metres / M_PER_DEG_LAT


def east(metres: float, lat: float = LAT0, lon: float = LON0) -> float:
    return lon + metres / (M_PER_DEG_LAT * math.cos(math.radians(lat)))


def fix(
    t_s: float,
    lat: float = LAT0,
    lon: float = LON0,
    speed: float = 0.0,
    device: int = 1,
    valid: bool = True,
    server_s: float | None = None,
    **attrs: Any,
) -> Fix:
    t = T0 + int(t_s * 1000)
    srv = T0 + int((server_s if server_s is not None else t_s) * 1000)
    return Fix(device, t, hash((t, lat, lon)) & 0xFFFFFF, srv, valid, lat, lon, speed, dict(attrs))


def drive(t0: float, t1: float, period: float, v_ms: float, start_m: float = 0.0,
          **attrs: Any) -> list[Fix]:  # fmt: skip
    """Northwards at ``v_ms`` from ``start_m`` metres north of the origin, a fix every period."""
    out = []
    t = t0
    while t <= t1 + 1e-9:
        out.append(fix(t, north(start_m + (t - t0) * v_ms), speed=v_ms * 3.6, **attrs))
        t += period
    return out


def park(t0: float, t1: float, period: float, at_m: float, **attrs: Any) -> list[Fix]:
    out = []
    t = t0
    while t <= t1 + 1e-9:
        out.append(fix(t, north(at_m), **attrs))
        t += period
    return out


def run(
    fixes: Iterable[Fix], ctx: engine.DeviceContext | None = None, roundtrip: bool = False
) -> tuple[Outputs, dict[str, Any]]:
    ctx = ctx or engine.DeviceContext()
    state = engine.new_state()
    out = Outputs()
    for f in fixes:
        engine.run(state, [f], ctx, out)
        if roundtrip:
            state = orjson.loads(orjson.dumps(state))
    return out, state


def types(out: Outputs) -> list[str]:
    return [e.type for e in out.events]
