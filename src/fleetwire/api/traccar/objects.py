"""Traccar's simple CRUD objects: geofences, groups, drivers, maintenance, calendars,
notifications and saved commands, one table-driven implementation. Lists take Traccar's
filters (`all`, `userId`, `deviceId`/`groupId` for objects linked directly to that device or
group, `keyword`, `limit`, `offset`, `excludeAttributes`) and are sorted by name (notifications
and commands by description). POST links the creator to the new object; PUT replaces every
field using the body's id; DELETE is 204."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, HTTPException, Query, Response
from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from fleetwire.api.traccar import wkt
from fleetwire.api.traccar.context import Context, CurrentUser, check_admin, check_writable
from fleetwire.api.traccar.convert import attrs_in, attrs_out, json_response
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.store import schema as store
from fleetwire.store.db import writing
from fleetwire.store.logic_registry import ComputedDef
from fleetwire.store.users import User
from fleetwire.worker.logic.computed import compile_one
from fleetwire.worker.logic.expressions import ExpressionError

# JSON key -> (column, kind); kind: str, int (0 for none in, 0 out), fk (id, 0 = none), bool
Field = tuple[str, str]


@dataclass(frozen=True)
class Spec:
    path: str  # under /api
    kind: str  # the link name: user_<kind>, device_<kind>, group_<kind>
    table: Table
    fields: dict[str, Field]
    required: tuple[str, ...]
    sort: str  # column
    validate: Callable[[dict[str, Any]], None] | None = None


def _check_computed(cols: dict[str, Any]) -> None:
    """A computed attribute the workers can run: its expression reads, its type is known."""
    try:
        compile_one(ComputedDef(0, cols["attribute"], cols["expression"], cols["type"]))
    except ExpressionError as e:
        raise HTTPException(400, str(e)) from None


def _check_area(cols: dict[str, Any]) -> None:
    try:
        wkt.parse(cols["area"])
    except wkt.WktError as e:
        raise HTTPException(400, f"area: {e}") from None


def _check_command_type(cols: dict[str, Any]) -> None:
    from fleetwire.api.traccar.commands import ALL_TYPES

    if cols["type"] not in ALL_TYPES:
        raise HTTPException(400, f"unknown command type {cols['type']!r}")


SPECS = (
    Spec("geofences", "geofence", store.geofences,
         {"name": ("name", "str"), "description": ("description", "str"),
          "area": ("area", "str"), "calendarId": ("calendar_id", "fk")},
         ("name", "area"), "name", _check_area),
    Spec("groups", "group", store.groups,
         {"name": ("name", "str"), "groupId": ("group_id", "fk")}, ("name",), "name"),
    Spec("drivers", "driver", store.drivers,
         {"name": ("name", "str"), "uniqueId": ("unique_id", "str")},
         ("name", "uniqueId"), "name"),
    Spec("maintenance", "maintenance", store.maintenances,
         {"name": ("name", "str"), "type": ("type", "str"), "start": ("start", "num"),
          "period": ("period", "num")}, ("name", "type"), "name"),
    Spec("calendars", "calendar", store.calendars,
         {"name": ("name", "str"), "data": ("data", "str")}, ("name",), "name"),
    Spec("notifications", "notification", store.notifications,
         {"type": ("type", "str"), "description": ("description", "str"),
          "always": ("always", "bool"), "notificators": ("notificators", "str"),
          "calendarId": ("calendar_id", "fk"), "commandId": ("command_id", "fk")},
         ("type",), "description"),
    Spec("commands", "command", store.saved_commands,
         {"deviceId": ("device_id", "fk"), "type": ("type", "str"),
          "textChannel": ("text_channel", "bool"), "description": ("description", "str")},
         ("type",), "description", _check_command_type),
    Spec("attributes/computed", "attribute", store.computed_attributes,
         {"description": ("description", "str"), "attribute": ("attribute", "str"),
          "expression": ("expression", "str"), "type": ("type", "str"),
          "priority": ("priority", "num")},
         ("attribute", "expression", "type"), "description", _check_computed),
)  # fmt: skip


def _columns(spec: Spec, body: dict[str, Any]) -> dict[str, Any]:
    cols: dict[str, Any] = {}
    for key, (col, kind) in spec.fields.items():
        v = body.get(key)
        if key in spec.required and (not isinstance(v, str) or not v.strip()):
            raise HTTPException(400, f"{key} is required")
        if kind == "str":
            if v is not None and not isinstance(v, str):
                raise HTTPException(400, f"{key} must be text")
            cols[col] = v if v is not None or col not in ("notificators", "data") else ""
        elif kind == "fk":
            if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                raise HTTPException(400, f"{key} must be an integer id")
            cols[col] = v or None
        elif kind == "num":
            if v is not None and (not isinstance(v, int | float) or isinstance(v, bool)):
                raise HTTPException(400, f"{key} must be a number")
            cols[col] = v or 0
        else:
            cols[col] = bool(v)
    cols["attributes"] = orjson.dumps(attrs_in(body.get("attributes"))).decode()
    if spec.validate is not None:
        spec.validate(cols)
    return cols


def _json(spec: Spec, row: Any) -> dict[str, Any]:
    m = row._mapping
    out: dict[str, Any] = {"id": m["id"], "attributes": attrs_out(m["attributes"])}
    for key, (col, kind) in spec.fields.items():
        v = m[col]
        out[key] = (v or 0) if kind == "fk" else bool(v) if kind == "bool" else v
    return out


def object_router(ctx: Context, spec: Spec) -> APIRouter:
    r = APIRouter(
        prefix=f"/api/{spec.path}", tags=[f"traccar: {spec.path}"], route_class=TextErrors
    )
    t = spec.table

    async def visible(user: User) -> set[int] | None:
        return await ctx.visible_ids(user, spec.kind)

    async def fetch(object_id: int, user: User) -> Any:
        async with (await ctx.registry()).connect() as conn:
            row = (await conn.execute(select(t).where(t.c.id == object_id))).first()
        if row is None:
            raise HTTPException(404, f"no {spec.kind} {object_id}")
        ids = await visible(user)
        if ids is not None and object_id not in ids:
            raise HTTPException(400, f"{spec.kind} access denied")
        return row

    @r.get("")
    async def list_objects(
        user: CurrentUser,
        all_: Annotated[bool, Query(alias="all")] = False,
        user_id: Annotated[int | None, Query(alias="userId")] = None,
        device_id: Annotated[int | None, Query(alias="deviceId")] = None,
        group_id: Annotated[int | None, Query(alias="groupId")] = None,
        keyword: Annotated[str | None, Query()] = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        exclude_attributes: Annotated[bool, Query(alias="excludeAttributes")] = False,
    ) -> Response:
        engine = await ctx.registry()
        q = select(t)
        if all_:
            check_admin(user)
        elif user_id is not None:
            ids = await ctx.visible_ids(await ctx.other_user(user, user_id), spec.kind)
            if ids is not None:
                q = q.where(t.c.id.in_(ids))
        else:
            ids = await visible(user)
            if ids is not None:
                q = q.where(t.c.id.in_(ids))
        for owner, owner_id in (("device", device_id), ("group", group_id)):
            if owner_id is None:
                continue
            link = store.LINKS.get((owner, spec.kind))
            if link is None:
                return json_response([])
            if owner == "device":
                await ctx.check_device(user, owner_id)
            linked = select(link.c[f"{spec.kind}_id"]).where(link.c[f"{owner}_id"] == owner_id)
            q = q.where(t.c.id.in_(linked))
        if keyword:
            q = q.where(func.lower(t.c[spec.sort]).like(f"%{keyword.lower()}%"))
        q = q.order_by(t.c[spec.sort], t.c.id).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        async with engine.connect() as conn:
            out = [_json(spec, row) for row in await conn.execute(q)]
        if exclude_attributes:
            for o in out:
                o["attributes"] = {}
        return json_response(out)

    @r.get("/{object_id:int}")
    async def one(object_id: int, user: CurrentUser) -> Response:
        return json_response(_json(spec, await fetch(object_id, user)))

    @r.post("", summary=f"Create ({spec.kind}; the creator is linked to it)")
    async def create(user: CurrentUser, body: Annotated[dict[str, Any], Body()]) -> Response:
        check_writable(user)
        cols = _columns(spec, body)
        link = store.LINKS["user", spec.kind]
        try:
            async with writing(await ctx.registry()) as conn:
                res = await conn.execute(insert(t).values(**cols))
                new_id = int(res.inserted_primary_key[0])  # type: ignore[index]
                await conn.execute(
                    insert(link).values(user_id=user.id, **{f"{spec.kind}_id": new_id})
                )
                row = (await conn.execute(select(t).where(t.c.id == new_id))).one()
        except IntegrityError:
            raise HTTPException(400, f"such a {spec.kind} exists already") from None
        return json_response(_json(spec, row))

    @r.put("/{object_id:int}", summary="Replace every field (by the body's id)")
    async def replace(
        object_id: int, user: CurrentUser, body: Annotated[dict[str, Any], Body()]
    ) -> Response:
        check_writable(user)
        target = body.get("id", object_id)
        if not isinstance(target, int):
            raise HTTPException(400, "id must be an integer")
        await fetch(target, user)
        cols = _columns(spec, body)
        try:
            async with writing(await ctx.registry()) as conn:
                await conn.execute(update(t).where(t.c.id == target).values(**cols))
                row = (await conn.execute(select(t).where(t.c.id == target))).one()
        except IntegrityError:
            raise HTTPException(400, f"such a {spec.kind} exists already") from None
        return json_response(_json(spec, row))

    @r.delete("/{object_id:int}", status_code=204)
    async def remove(object_id: int, user: CurrentUser) -> Response:
        check_writable(user)
        await fetch(object_id, user)
        async with writing(await ctx.registry()) as conn:
            for (owner, prop), link in store.LINKS.items():
                if spec.kind in (owner, prop):
                    col = f"{spec.kind}_id" if spec.kind == prop else f"{owner}_id"
                    await conn.execute(delete(link).where(link.c[col] == object_id))
            await conn.execute(delete(t).where(t.c.id == object_id))
        return Response(status_code=204)

    return r
