"""Traccar's GET /api/positions in its three forms: no parameters (the latest position of every
device the caller can reach), `id=` (specific positions, repeatable), and `deviceId=` with or
without `from`/`to` (a device's history by fix time, or its latest; `geofenceId` keeps the
positions the worker found inside that geofence); and GET /api/positions/{csv,gpx,kml,kmz}, a
device's history as a file (api/traccar/export.py)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from fleetwire.api.auth import current_user
from fleetwire.api.traccar import export
from fleetwire.api.traccar.context import Context
from fleetwire.api.traccar.convert import json_bytes, json_response, parse_time
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.api.traccar.history_json import history_pieces, json_array
from fleetwire.api.traccar.models import position_json
from fleetwire.api.traccar.telemetry import Pos
from fleetwire.store.users import User


def positions_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/positions", tags=["traccar: positions"], route_class=TextErrors)

    async def history(
        user: User, device_id: int, start: str, end: str, geofence_id: int | None
    ) -> tuple[list[Pos], Any]:
        """The device's positions between from and to (both required), inside the geofence if
        one is given; and the device's row."""
        device = await ctx.check_device(user, device_id)
        from_ms, to_ms = parse_time(start, "from"), parse_time(end, "to")
        if geofence_id is not None:
            fences = await ctx.visible_ids(user, "geofence")
            if fences is not None and geofence_id not in fences:
                raise HTTPException(400, "geofence access denied")
        reader = await ctx.telemetry()
        rows = await reader.history(device_id, from_ms, to_ms, ctx.settings.api.max_rows)
        if geofence_id is not None:
            rows = [p for p in rows if geofence_id in (p.attributes.get("geofenceIds") or ())]
        return rows, device

    async def render(rows: list[Pos]) -> Response:
        protocols = await ctx.protocols({p.device_id for p in rows})
        return json_response([position_json(p, protocols.get(p.device_id)) for p in rows])

    @r.get("", summary="Latest positions, positions by id, or a device's history")
    async def positions(
        user: Annotated[User, Depends(current_user)],
        device_ids: Annotated[list[int] | None, Query(alias="deviceId")] = None,
        ids: Annotated[list[int] | None, Query(alias="id")] = None,
        start: Annotated[str | None, Query(alias="from", description="ISO with zone")] = None,
        end: Annotated[str | None, Query(alias="to", description="ISO with zone")] = None,
        geofence_id: Annotated[int | None, Query(alias="geofenceId")] = None,
    ) -> Response:
        reader = await ctx.telemetry()
        if ids:
            found = await reader.by_ids(ids)
            visible = await ctx.visible_device_ids(user)
            if visible is not None and any(p.device_id not in visible for p in found):
                raise HTTPException(400, "device access denied")
            return await render(found)
        if device_ids:
            device_id = device_ids[0]  # Traccar reads only the first
            if start is not None and end is not None and geofence_id is None:
                # the history as it is asked for most (a day of track): built as bytes
                device = await ctx.check_device(user, device_id)
                from_ms, to_ms = parse_time(start, "from"), parse_time(end, "to")
                items = await history_pieces(
                    reader.engine, device_id, from_ms, to_ms, ctx.settings.api.max_rows,
                    device.protocol,
                )  # fmt: skip
                return json_bytes(json_array(items))
            await ctx.check_device(user, device_id)
            if start is None and end is None:
                return await render(await reader.latest([device_id]))
            if start is None or end is None:
                raise HTTPException(400, "from and to go together")
            rows, _ = await history(user, device_id, start, end, geofence_id)
            return await render(rows)
        return await render(await reader.latest(await ctx.visible_device_ids(user)))

    @r.get("/{fmt}", summary="A device's positions between from and to as a file")
    async def download(
        user: Annotated[User, Depends(current_user)],
        fmt: Literal["csv", "gpx", "kml", "kmz"],
        device_id: Annotated[int, Query(alias="deviceId")],
        start: Annotated[str, Query(alias="from", description="ISO with zone")],
        end: Annotated[str, Query(alias="to", description="ISO with zone")],
        geofence_id: Annotated[int | None, Query(alias="geofenceId")] = None,
    ) -> Response:
        rows, device = await history(user, device_id, start, end, geofence_id)
        body = export.render(fmt, rows, device.name or device.unique_id, device.protocol)
        return Response(
            body, media_type=export.MEDIA[fmt],
            headers={"Content-Disposition": f"attachment; filename=positions.{fmt}"},
        )  # fmt: skip

    return r
