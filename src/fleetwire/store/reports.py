"""Reports per device and period, in JSON-ready dicts or CSV: route, events, trips, stops,
summary. They only read what the worker stored (store/derived.py), so a day's trips are the
same whatever period a report asks for. Units are Fleetwire's (ms times, km/h, metres); the
Traccar-compatible routes convert at their edge (knots, ISO times).

    rows = await report(reader, "trips", [device_id], from_ms, to_ms)
    text = to_csv(rows)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import orjson

from fleetwire.store.derived import DerivedReader, RoutePoint

KINDS = ("route", "events", "trips", "stops", "summary")


class ReportError(ValueError):
    """A report the caller asked for wrongly (unknown kind, empty period): an HTTP 400."""


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


def _row(obj: Any) -> dict[str, Any]:
    return {_camel(k): v for k, v in asdict(obj).items()}


async def report(
    reader: DerivedReader,
    kind: str,
    device_ids: Sequence[int],
    from_ms: int,
    to_ms: int,
    *,
    types: Sequence[str] = (),
) -> list[dict[str, Any]]:
    if kind not in KINDS:
        raise ReportError(f"unknown report {kind!r}: one of {', '.join(KINDS)}")
    if to_ms <= from_ms:
        raise ReportError("the period is empty: 'to' must be after 'from'")
    if kind == "route":
        return [_row(p) for p in await reader.route(device_ids, from_ms, to_ms)]
    if kind == "events":
        return [_row(e) for e in await reader.events(device_ids, from_ms, to_ms, types)]
    if kind == "trips":
        return [_row(t) for t in await reader.trips(device_ids, from_ms, to_ms)]
    if kind == "stops":
        return [_row(s) for s in await reader.stops(device_ids, from_ms, to_ms)]
    return await _summary(reader, device_ids, from_ms, to_ms)


def _num(p: RoutePoint, key: str) -> float | None:
    v = p.attributes.get(key)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


async def _summary(
    reader: DerivedReader, device_ids: Sequence[int], from_ms: int, to_ms: int
) -> list[dict[str, Any]]:
    """Per device: distance (device odometer when both ends have one, else ours), top speed,
    average speed over the trips' time, engine hours and fuel spent (never negative: a refuel
    is an event, not negative consumption)."""
    route = await reader.route(device_ids, from_ms, to_ms)
    trips = await reader.trips(device_ids, from_ms, to_ms)
    stops = await reader.stops(device_ids, from_ms, to_ms)
    out = []
    for dev in device_ids:
        pts = [p for p in route if p.device_id == dev]
        if not pts:
            continue
        first, last = pts[0], pts[-1]
        odo0, odo1 = _num(first, "odometer"), _num(last, "odometer")
        if odo0 and odo1 and odo1 >= odo0:
            start_odo, end_odo = odo0, odo1
        else:
            start_odo = _num(first, "totalDistance") or 0.0
            end_odo = _num(last, "totalDistance") or 0.0
        dtrips = [t for t in trips if t.device_id == dev]
        driving_ms = sum(t.duration for t in dtrips)
        distance = max(0.0, end_odo - start_odo)
        fuel = [t.spent_fuel for t in dtrips if t.spent_fuel is not None]
        fuel += [s.spent_fuel for s in stops if s.device_id == dev and s.spent_fuel is not None]
        h0, h1 = _num(first, "hours"), _num(last, "hours")
        out.append({
            "deviceId": dev, "startTime": first.fix_time, "endTime": last.fix_time,
            "distance": round(distance, 2), "startOdometer": start_odo, "endOdometer": end_odo,
            "maxSpeed": max((p.speed or 0.0) for p in pts),
            "averageSpeed": round(distance / driving_ms * 3600, 2) if driving_ms else 0.0,
            "engineHours": int(h1 - h0) if h0 is not None and h1 is not None else 0,
            "spentFuel": round(sum(fuel), 3) if fuel else None,
        })  # fmt: skip
    return out


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """One header line of the first row's keys; nested values (attributes) as JSON."""
    if not rows:
        return ""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: orjson.dumps(v).decode() if isinstance(v, dict | list) else v
                    for k, v in r.items()})  # fmt: skip
    return buf.getvalue()
