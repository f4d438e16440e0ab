"""Traccar's reports: route, events, trips, stops, summary, geofences and combined over
`deviceId` (repeatable), `groupId` (repeatable, nested groups included) or, with neither, every
device the caller can reach, between `from` and `to`. JSON by default; xlsx (all but combined,
whose rows nest lists) when `Accept` asks for the spreadsheet type or the path ends in /xlsx.
Trips, stops, events and geofence visits are the worker's derived tables; route and summary,
and the distances and speeds of a visit, are read from the positions. Speeds in knots,
durations in ms, metres."""

from __future__ import annotations

import itertools
import math
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import select

from fleetwire.api.traccar import derived
from fleetwire.api.traccar.context import Context, CurrentUser, group_closure
from fleetwire.api.traccar.convert import iso, json_bytes, json_response, knots, parse_time
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.api.traccar.history_json import history_pieces
from fleetwire.api.traccar.models import event_json, position_json
from fleetwire.api.traccar.telemetry import Pos
from fleetwire.api.traccar.xlsx import XLSX, workbook
from fleetwire.store.schema import devices
from fleetwire.store.users import User

DAY_MS = 86_400_000


def _name(row: Any) -> str:
    return str(row.name or row.unique_id) if row is not None else ""


def _metres(a: Pos, b: Pos) -> float:
    """Great-circle distance, for positions that carry no totalDistance."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))


def _num(attrs: dict[str, Any], key: str) -> float | None:
    v = attrs.get(key)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def base_row(device_id: int, name: str, rows: list[Pos]) -> dict[str, Any]:
    """Traccar's report row base (ReportSummary without the hours) over these positions."""
    first, last = rows[0], rows[-1]
    t0, t1 = _num(first.attributes, "totalDistance"), _num(last.attributes, "totalDistance")
    if t0 is not None and t1 is not None:
        distance = t1 - t0
    else:
        distance = sum(_metres(a, b) for a, b in itertools.pairwise(rows))
    odo0 = _num(first.attributes, "odometer")
    odo1 = _num(last.attributes, "odometer")
    speeds = [p.speed or 0.0 for p in rows]
    return {
        "deviceId": device_id, "deviceName": name, "distance": distance,
        "averageSpeed": knots(sum(speeds) / len(speeds)), "maxSpeed": knots(max(speeds)),
        "spentFuel": 0.0,
        "startOdometer": odo0 if odo0 is not None else (t0 or 0.0),
        "endOdometer": odo1 if odo1 is not None else (t1 or 0.0),
        "startTime": iso(first.fix_ms), "endTime": iso(last.fix_ms),
    }  # fmt: skip


def summary_row(device_id: int, name: str, rows: list[Pos]) -> dict[str, Any]:
    h0, h1 = _num(rows[0].attributes, "hours"), _num(rows[-1].attributes, "hours")
    return {
        **base_row(device_id, name, rows), "engineHours": int((h1 or 0) - (h0 or 0)),
        "startHours": int(h0 or 0), "endHours": int(h1 or 0),
    }  # fmt: skip


def visit_row(visit: dict[str, Any], name: str, rows: list[Pos]) -> dict[str, Any]:
    """A GeofenceReportItem: the base row over the positions of one visit, timed by the visit
    (an open one has no end yet: null)."""
    if rows:
        base = base_row(visit["device_id"], name, rows)
    else:  # no position inside the period: nothing travelled
        base = {"deviceId": visit["device_id"], "deviceName": name, "distance": 0.0,
                "averageSpeed": 0.0, "maxSpeed": 0.0, "spentFuel": 0.0, "startOdometer": 0.0,
                "endOdometer": 0.0}  # fmt: skip
    base["startTime"] = iso(visit["enter_time"])
    base["endTime"] = iso(visit["exit_time"])
    return {**base, "geofenceId": visit["geofence_id"]}


def trip_json(t: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "deviceId": t["device_id"], "deviceName": name, "distance": t["distance"] or 0.0,
        "averageSpeed": knots(t["average_speed"]), "maxSpeed": knots(t["max_speed"]),
        "spentFuel": t["spent_fuel"] or 0.0, "startOdometer": t["start_odometer"] or 0.0,
        "endOdometer": t["end_odometer"] or 0.0, "startTime": iso(t["start_time"]),
        "endTime": iso(t["end_time"]), "startPositionId": t["start_position_id"] or 0,
        "endPositionId": t["end_position_id"] or 0, "startLat": t["start_lat"],
        "startLon": t["start_lon"], "endLat": t["end_lat"], "endLon": t["end_lon"],
        "startAddress": None, "endAddress": None, "duration": t["duration"] or 0,
        "driverUniqueId": t["driver_unique_id"], "driverName": None,
    }  # fmt: skip


def stop_json(s: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "deviceId": s["device_id"], "deviceName": name, "distance": 0.0, "averageSpeed": 0.0,
        "maxSpeed": 0.0, "spentFuel": s["spent_fuel"] or 0.0,
        "startOdometer": s["start_odometer"] or 0.0, "endOdometer": s["end_odometer"] or 0.0,
        "startTime": iso(s["start_time"]), "endTime": iso(s["end_time"]),
        "positionId": s["position_id"] or 0, "latitude": s["latitude"],
        "longitude": s["longitude"], "address": None, "duration": s["duration"] or 0,
        "engineHours": s["engine_hours"] or 0,
    }  # fmt: skip


class Query_:
    def __init__(self, devices: list[int], names: dict[int, str], from_ms: int, to_ms: int):
        self.devices, self.names, self.from_ms, self.to_ms = devices, names, from_ms, to_ms


def reports_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/reports", tags=["traccar: reports"], route_class=TextErrors)

    async def scope(
        user: User, device_ids: list[int] | None, group_ids: list[int] | None, start: str, end: str
    ) -> Query_:
        if user.disable_reports and not user.administrator:
            raise HTTPException(400, "reports are disabled for this account")
        from_ms, to_ms = parse_time(start, "from"), parse_time(end, "to")
        if to_ms < from_ms:
            raise HTTPException(400, "'to' is before 'from'")
        wanted: list[int] | None = None
        if device_ids or group_ids:
            wanted = list(device_ids or [])
            if group_ids:
                engine = await ctx.registry()
                visible_groups = await ctx.visible_ids(user, "group")
                if visible_groups is not None and not set(group_ids) <= visible_groups:
                    raise HTTPException(400, "group access denied")
                async with engine.connect() as conn:
                    closure = await group_closure(conn, set(group_ids))
                    in_groups = await conn.execute(
                        select(devices.c.id).where(devices.c.group_id.in_(closure))
                    )
                    wanted += [int(x[0]) for x in in_groups]
        ids = await ctx.device_ids_for(user, wanted)
        rows = await ctx.device_rows(ids)
        return Query_(sorted(rows), {i: _name(rows[i]) for i in rows}, from_ms, to_ms)

    async def route(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        reader = await ctx.telemetry()
        protocols = await ctx.protocols(q.devices)
        out: list[dict[str, Any]] = []
        for d in q.devices:
            rows = await reader.history(d, q.from_ms, q.to_ms, ctx.settings.api.max_rows)
            out += [position_json(p, protocols.get(d)) for p in rows]
        return out

    async def route_json(q: Query_) -> bytes:
        """The route report as JSON bytes: each device's positions as history_json builds
        them, one device after another (the same rows and order as `route`)."""
        reader = await ctx.telemetry()
        protocols = await ctx.protocols(q.devices)
        parts = []
        for d in q.devices:  # each device's pieces joined at once: they take 2.5 times the bytes
            pieces = await history_pieces(
                reader.engine, d, q.from_ms, q.to_ms, ctx.settings.api.max_rows, protocols.get(d)
            )
            if pieces:
                parts.append(b"".join(pieces))
        return b"[" + b",".join(parts) + b"]"

    async def events(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        types = [t for t in req.get("type") or [] if t != "allEvents"] or None
        reader = await ctx.telemetry()
        rows = await derived.events_between(reader.engine, q.devices, q.from_ms, q.to_ms, types)
        alarms = set(req.get("alarm") or [])
        fences = await ctx.visible_ids(user, "geofence")
        out = []
        for e in rows:
            ev = event_json(e, derived.api_event_id(e["id"]))
            if alarms and not alarms & set(str(ev["attributes"].get("alarm", "")).split(",")):
                continue
            if fences is not None and ev["geofenceId"] and ev["geofenceId"] not in fences:
                continue
            out.append(ev)
        return out

    async def trips(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        reader = await ctx.telemetry()
        rows = await derived.trips_between(reader.engine, q.devices, q.from_ms, q.to_ms)
        return [trip_json(t, q.names[t["device_id"]]) for t in rows]

    async def stops(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        reader = await ctx.telemetry()
        rows = await derived.stops_between(reader.engine, q.devices, q.from_ms, q.to_ms)
        return [stop_json(s, q.names[s["device_id"]]) for s in rows]

    async def summary(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        reader = await ctx.telemetry()
        out = []
        for d in q.devices:
            rows = await reader.history(d, q.from_ms, q.to_ms, ctx.settings.api.max_rows)
            if not rows:
                continue
            if not req["daily"]:
                out.append(summary_row(d, q.names[d], rows))
                continue
            days: dict[int, list[Pos]] = {}
            for p in rows:
                days.setdefault(p.fix_ms // DAY_MS, []).append(p)
            out += [summary_row(d, q.names[d], day) for _, day in sorted(days.items())]
        return out

    async def geofences(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        wanted = req["geofenceId"]
        fences = await ctx.visible_ids(user, "geofence")
        if wanted and fences is not None and not set(wanted) <= fences:
            raise HTTPException(400, "geofence access denied")
        ids = wanted or (None if fences is None else sorted(fences))
        reader = await ctx.telemetry()
        out = []
        for v in await derived.visits_between(reader.engine, q.devices, ids, q.from_ms, q.to_ms):
            start = max(v["enter_time"], q.from_ms)
            end = min(v["exit_time"] if v["exit_time"] is not None else q.to_ms, q.to_ms)
            rows = await reader.history(v["device_id"], start, end, ctx.settings.api.max_rows)
            out.append(visit_row(v, q.names[v["device_id"]], rows))
        return out

    async def combined(q: Query_, user: User, req: dict[str, Any]) -> list[dict[str, Any]]:
        """Per device: its route as [lon, lat] pairs (GeoJSON order, unlike WKT), its events,
        and the positions those events point at."""
        reader = await ctx.telemetry()
        protocols = await ctx.protocols(q.devices)
        every = await events(q, user, {})
        out = []
        for d in q.devices:
            rows = await reader.history(d, q.from_ms, q.to_ms, ctx.settings.api.max_rows)
            mine = [e for e in every if e["deviceId"] == d]
            pids = sorted({e["positionId"] for e in mine if e["positionId"]})
            at = await reader.by_ids(pids) if pids else []
            out.append({
                "deviceId": d, "route": [[p.longitude, p.latitude] for p in rows],
                "events": mine, "positions": [position_json(p, protocols.get(d)) for p in at],
            })  # fmt: skip
        return out

    Builder = Callable[[Query_, User, dict[str, Any]], Awaitable[list[dict[str, Any]]]]
    kinds: dict[str, Builder] = {
        "route": route, "events": events, "trips": trips, "stops": stops, "summary": summary,
        "geofences": geofences, "combined": combined,
    }  # fmt: skip

    def add(kind: str, build: Builder) -> None:
        async def report(
            request: Request,
            user: CurrentUser,
            start: Annotated[str, Query(alias="from", description="ISO date-time with zone")],
            end: Annotated[str, Query(alias="to", description="ISO date-time with zone")],
            device_ids: Annotated[list[int] | None, Query(alias="deviceId")] = None,
            group_ids: Annotated[list[int] | None, Query(alias="groupId")] = None,
            type_: Annotated[list[str] | None, Query(alias="type")] = None,
            alarm: Annotated[list[str] | None, Query()] = None,
            daily: Annotated[bool, Query()] = False,
            geofence_ids: Annotated[list[int] | None, Query(alias="geofenceId")] = None,
        ) -> Response:
            q = await scope(user, device_ids, group_ids, start, end)
            req = {"type": type_, "alarm": alarm, "daily": daily, "geofenceId": geofence_ids}
            xlsx = request.url.path.endswith("/xlsx") or XLSX in request.headers.get("accept", "")
            if kind == "route" and not xlsx:
                return json_bytes(await route_json(q))
            rows = await build(q, user, req)
            if kind == "combined":  # nested lists: JSON only
                return json_response(rows)
            if xlsx:
                return Response(
                    workbook(kind, rows), media_type=XLSX,
                    headers={"Content-Disposition": "attachment; filename=report.xlsx"},
                )  # fmt: skip
            return json_response(rows)

        report.__name__ = f"report_{kind}"
        r.add_api_route(f"/{kind}", report, methods=["GET"], summary=f"{kind} report")
        if kind == "combined":
            return
        r.add_api_route(
            f"/{kind}/xlsx", report, methods=["GET"], summary=f"{kind} report as xlsx",
            name=f"report_{kind}_xlsx",
        )  # fmt: skip

    for kind, build in kinds.items():
        add(kind, build)
    return r
