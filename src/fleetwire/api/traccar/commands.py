"""Traccar's command routes: GET /api/commands/types (what a device's protocol can encode, or
every type), GET /api/commands/send (saved commands for a device: Fleetwire keeps none yet, so
[]), POST /api/commands/send (into Fleetwire's command queue: 200 when the device is online and
the gateway will send it at once, 202 when it waits for the device to connect), and the saved-
command list (empty). Fleetwire's richer queue (states, priorities, campaigns) lives on
/api/commands/queue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Response

from fleetwire.api.traccar.context import Context, CurrentUser, check_writable
from fleetwire.api.traccar.convert import json_response, now_ms
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.api.traccar.models import STATUS_TIMEOUT_MS
from fleetwire.protocols import NAMES, get
from fleetwire.store.commands import Commands

ALL_TYPES = sorted({c for n in NAMES for c in get(n).commands})
SEND_EXAMPLE = {"deviceId": 1, "type": "custom", "attributes": {"data": "getver"}}


def protocol_types(protocol: str | None) -> list[str]:
    if protocol in NAMES:
        return sorted(get(protocol).commands)
    return ["custom"]


def commands_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/commands", tags=["traccar: commands"], route_class=TextErrors)

    @r.get("/types", summary="Command types a device (or any device) supports")
    async def types(
        user: CurrentUser, device_id: Annotated[int | None, Query(alias="deviceId")] = None
    ) -> Response:
        if device_id is None:
            return json_response([{"type": t} for t in ALL_TYPES])
        row = await ctx.check_device(user, device_id)
        return json_response([{"type": t} for t in protocol_types(row.protocol)])

    @r.get("/send", summary="Saved commands usable for a device (none are kept yet)")
    async def saved_for_device(
        user: CurrentUser, device_id: Annotated[int | None, Query(alias="deviceId")] = None
    ) -> Response:
        if device_id is not None:
            await ctx.check_device(user, device_id)
        return json_response([])

    @r.post("/send", summary="Send a command: 200 if the device is online, 202 when queued")
    async def send(
        user: CurrentUser,
        body: Annotated[dict[str, Any], Body(examples=[SEND_EXAMPLE])],
    ) -> Response:
        check_writable(user)
        if "type" not in body and "id" in body:
            raise HTTPException(404, "no saved command with that id")
        if user.limit_commands and not user.administrator:
            raise HTTPException(400, "this account may send saved commands only")
        device_id, type_ = body.get("deviceId"), body.get("type")
        if not isinstance(device_id, int) or isinstance(device_id, bool):
            raise HTTPException(400, "deviceId is required")
        if not isinstance(type_, str):
            raise HTTPException(400, "type is required")
        attributes = body.get("attributes") or {}
        if not isinstance(attributes, dict):
            raise HTTPException(400, "attributes must be an object")
        row = await ctx.check_device(user, device_id)
        supported = protocol_types(row.protocol)
        if type_ not in supported:
            raise HTTPException(
                400, f"{row.protocol or 'this'} device has no command {type_!r}; "
                f"supported: {', '.join(supported)}",
            )  # fmt: skip
        if type_ == "custom" and not isinstance(attributes.get("data"), str):
            raise HTTPException(400, "a custom command needs attributes.data (text)")
        latest = (await ctx.latest_by_device([device_id])).get(device_id)
        online = latest is not None and now_ms() - latest.server_ms <= STATUS_TIMEOUT_MS
        if attributes.get("noQueue") and not online:
            raise HTTPException(400, "device is not online and noQueue is set")
        cmd, _ = await Commands(await ctx.registry()).create(device_id, type_, dict(attributes))
        out: dict[str, Any] = {
            "id": cmd.id, "attributes": cmd.attributes, "deviceId": device_id, "type": type_,
            "textChannel": bool(body.get("textChannel", False)),
        }  # fmt: skip
        if online:
            out["description"] = body.get("description")
            return json_response(out)
        return json_response(out, 202)

    @r.get("", summary="Saved commands (none are kept yet)")
    async def saved(user: CurrentUser) -> Response:
        return json_response([])

    return r
