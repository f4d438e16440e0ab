"""Traccar's command routes: GET /api/commands/types (what a device's protocol can encode, or
every type), GET /api/commands/send (the saved commands a device can be sent), POST
/api/commands/send (a command, or a saved one by its id, into Fleetwire's command queue: 200
when the device is online and the gateway will send it at once, 202 when it waits for the
device to connect). The saved commands' CRUD is api/traccar/objects.py's. Fleetwire's richer
queue (states, priorities, campaigns) lives on /api/commands/queue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Response
from sqlalchemy import or_, select

from fleetwire.api.traccar.context import Context, CurrentUser, check_writable
from fleetwire.api.traccar.convert import attrs_out, json_response, now_ms
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.api.traccar.models import STATUS_TIMEOUT_MS
from fleetwire.protocols import NAMES, get
from fleetwire.store import schema as store
from fleetwire.store.commands import Commands
from fleetwire.store.users import User

ALL_TYPES = sorted({c for n in NAMES for c in get(n).commands})
SEND_EXAMPLE = {"deviceId": 1, "type": "custom", "attributes": {"data": "getver"}}


def protocol_types(protocol: str | None) -> list[str]:
    if protocol in NAMES:
        return sorted(get(protocol).commands)
    return ["custom"]


def saved_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "attributes": attrs_out(row.attributes), "deviceId": row.device_id or 0,
        "type": row.type, "textChannel": bool(row.text_channel), "description": row.description,
    }  # fmt: skip


async def device_groups(conn: Any, group_id: int | None) -> set[int]:
    """A device's group and every group above it (a saved command linked to any of them
    applies to the device)."""
    found: set[int] = set()
    while group_id is not None and group_id not in found:
        found.add(group_id)
        t = store.groups
        group_id = (await conn.execute(select(t.c.group_id).where(t.c.id == group_id))).scalar()
    return found


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

    async def saved(user: User, command_id: int) -> Any:
        t = store.saved_commands
        async with (await ctx.registry()).connect() as conn:
            row = (await conn.execute(select(t).where(t.c.id == command_id))).first()
        if row is None:
            raise HTTPException(404, f"no saved command {command_id}")
        visible = await ctx.visible_ids(user, "command")
        if visible is not None and command_id not in visible:
            raise HTTPException(400, "command access denied")
        return row

    @r.get("/send", summary="The caller's saved commands linked to a device, of types it takes")
    async def saved_for_device(
        user: CurrentUser, device_id: Annotated[int | None, Query(alias="deviceId")] = None
    ) -> Response:
        t = store.saved_commands
        q = select(t)
        visible = await ctx.visible_ids(user, "command")
        if visible is not None:
            q = q.where(t.c.id.in_(visible))
        supported: list[str] | None = None
        if device_id is not None:
            dev = await ctx.check_device(user, device_id)
            supported = protocol_types(dev.protocol)
            by_dev, by_group = store.LINKS["device", "command"], store.LINKS["group", "command"]
            async with (await ctx.registry()).connect() as conn:
                groups = await device_groups(conn, dev.group_id)
            q = q.where(or_(
                t.c.id.in_(select(by_dev.c.command_id).where(by_dev.c.device_id == device_id)),
                t.c.id.in_(select(by_group.c.command_id).where(by_group.c.group_id.in_(groups))),
            ))  # fmt: skip
        async with (await ctx.registry()).connect() as conn:
            rows = list(await conn.execute(q.order_by(t.c.description, t.c.id)))
        return json_response([saved_json(row) for row in rows
                              if supported is None or row.type in supported])  # fmt: skip

    @r.post("/send", summary="Send a command: 200 if the device is online, 202 when queued")
    async def send(
        user: CurrentUser,
        body: Annotated[dict[str, Any], Body(examples=[SEND_EXAMPLE])],
    ) -> Response:
        check_writable(user)
        saved_id = body.get("id")
        if saved_id:  # a saved command by its id: its type, attributes and channel
            if not isinstance(saved_id, int) or isinstance(saved_id, bool):
                raise HTTPException(400, "id must be an integer")
            row = await saved(user, saved_id)
            body = {**saved_json(row), "deviceId": body.get("deviceId")}
        elif user.limit_commands and not user.administrator:
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

    return r
