"""Traccar's /api/devices: the list with its filters (id, uniqueId, all, userId, keyword,
limit/offset), one device, and create / full replace / delete. Status, lastUpdate and
positionId come from the telemetry store's latest positions and are never written here."""

from __future__ import annotations

import time
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, HTTPException, Query, Response
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from fleetwire.api.traccar.context import Context, CurrentUser, check_admin, check_writable
from fleetwire.api.traccar.convert import attrs_in, json_response, now_ms, parse_time
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.api.traccar.models import device_json
from fleetwire.store import access
from fleetwire.store.db import writing
from fleetwire.store.schema import LINKS, devices

DEVICE_EXAMPLE = {"name": "Van 7", "uniqueId": "356307042441013", "category": "van",
                  "attributes": {"speedLimit": 60}}  # fmt: skip


def _columns(body: dict[str, Any]) -> dict[str, Any]:
    """The writable columns from a Device body (status, lastUpdate, positionId are ignored)."""
    name, uid = body.get("name"), body.get("uniqueId")
    if not isinstance(name, str) or not name.strip():
        raise HTTPException(400, "name is required")
    if not isinstance(uid, str) or not uid.strip():
        raise HTTPException(400, "uniqueId is required")
    cat = body.get("category")
    if cat is not None and not isinstance(cat, str):
        raise HTTPException(400, "category must be text")
    exp = body.get("expirationTime")
    for key in ("phone", "model", "contact"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise HTTPException(400, f"{key} must be text")
    for key in ("groupId", "calendarId"):
        if body.get(key) is not None and not isinstance(body[key], int):
            raise HTTPException(400, f"{key} must be an integer")
    return {
        "name": name.strip(),
        "unique_id": uid.strip(),
        "group_id": body.get("groupId") or None,
        "calendar_id": body.get("calendarId") or None,
        "phone": body.get("phone"),
        "model": body.get("model"),
        "contact": body.get("contact"),
        "category": cat,
        "disabled": 1 if body.get("disabled") else 0,
        "expiration_time": parse_time(exp, "expirationTime") if exp else None,
        "attributes": orjson.dumps(attrs_in(body.get("attributes"))).decode(),
    }


def devices_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/devices", tags=["traccar: devices"], route_class=TextErrors)

    async def render(rows: list[Any]) -> list[dict[str, Any]]:
        latest = await ctx.latest_by_device([int(row.id) for row in rows])
        now = now_ms()
        return [device_json(row, latest.get(int(row.id)), now) for row in rows]

    @r.get("", summary="Devices the caller can reach (directly or through groups)")
    async def list_devices(
        user: CurrentUser,
        all_: Annotated[bool, Query(alias="all")] = False,
        user_id: Annotated[int | None, Query(alias="userId")] = None,
        ids: Annotated[list[int] | None, Query(alias="id")] = None,
        unique_ids: Annotated[list[str] | None, Query(alias="uniqueId")] = None,
        keyword: Annotated[str | None, Query()] = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        exclude_attributes: Annotated[bool, Query(alias="excludeAttributes")] = False,
    ) -> Response:
        engine = await ctx.registry()
        q = select(devices)
        if all_:
            check_admin(user)
            visible = None
        elif user_id is not None:
            visible = await access.visible_device_ids(engine, await ctx.other_user(user, user_id))
        else:
            visible = await ctx.visible_device_ids(user)
        if visible is not None:
            q = q.where(devices.c.id.in_(visible))
        if ids:
            q = q.where(devices.c.id.in_(ids))
        if unique_ids:
            q = q.where(devices.c.unique_id.in_(unique_ids))
        if keyword:
            like = f"%{keyword.lower()}%"
            q = q.where(or_(*(func.lower(c).like(like) for c in (
                devices.c.name, devices.c.unique_id, devices.c.phone, devices.c.model,
                devices.c.contact))))  # fmt: skip
        q = q.order_by(func.coalesce(devices.c.name, devices.c.unique_id), devices.c.id)
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        async with engine.connect() as conn:
            rows = list(await conn.execute(q))
        out = await render(rows)
        if exclude_attributes:
            for d in out:
                d["attributes"] = {}
        return json_response(out)

    @r.get("/{device_id}")
    async def one(device_id: int, user: CurrentUser) -> Response:
        row = await ctx.check_device(user, device_id)
        return json_response((await render([row]))[0])

    @r.post("", summary="Create a device (the creator is linked to it)")
    async def create(
        user: CurrentUser, body: Annotated[dict[str, Any], Body(examples=[DEVICE_EXAMPLE])]
    ) -> Response:
        check_writable(user, device=True)
        cols = _columns(body)
        engine = await ctx.registry()
        if user.device_limit >= 0 and not user.administrator:
            have = await ctx.visible_device_ids(user) or set()
            if len(have) >= user.device_limit:
                raise HTTPException(400, "device limit reached")
        try:
            async with writing(engine) as conn:
                res = await conn.execute(
                    insert(devices).values(**cols, created=int(time.time() * 1000))
                )
                new_id = int(res.inserted_primary_key[0])  # type: ignore[index]
                link = LINKS["user", "device"]
                await conn.execute(insert(link).values(user_id=user.id, device_id=new_id))
                row = (await conn.execute(select(devices).where(devices.c.id == new_id))).one()
        except IntegrityError:
            raise HTTPException(
                400, f"a device with uniqueId {cols['unique_id']!r} exists"
            ) from None
        return json_response((await render([row]))[0])

    @r.put("/{device_id}", summary="Replace a device (every field, by the body's id)")
    async def replace(
        device_id: int, user: CurrentUser, body: Annotated[dict[str, Any], Body()]
    ) -> Response:
        check_writable(user, device=True)
        target = body.get("id", device_id)
        if not isinstance(target, int):
            raise HTTPException(400, "id must be an integer")
        await ctx.check_device(user, target)
        cols = _columns(body)
        engine = await ctx.registry()
        try:
            async with writing(engine) as conn:
                await conn.execute(update(devices).where(devices.c.id == target).values(**cols))
                row = (await conn.execute(select(devices).where(devices.c.id == target))).one()
        except IntegrityError:
            raise HTTPException(
                400, f"a device with uniqueId {cols['unique_id']!r} exists"
            ) from None
        return json_response((await render([row]))[0])

    @r.delete("/{device_id}", status_code=204)
    async def remove(device_id: int, user: CurrentUser) -> Response:
        check_writable(user, device=True)
        await ctx.check_device(user, device_id)
        engine = await ctx.registry()
        async with writing(engine) as conn:
            for (owner, prop), link in LINKS.items():
                if "device" in (owner, prop):
                    await conn.execute(delete(link).where(link.c.device_id == device_id))
            await conn.execute(delete(devices).where(devices.c.id == device_id))
        return Response(status_code=204)

    return r
