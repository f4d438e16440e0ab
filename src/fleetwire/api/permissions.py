"""/api/permissions: link and unlink objects, Traccar's way (traccar-api.md §2.6). The body is
one JSON object of exactly two keys, owner first ({"userId": 1, "deviceId": 7}); the bulk forms
take an array of them. 204 on success, 400 when the pair is unknown or the caller may not.

An administrator may link anything. Anyone else must see both ends, may not be read-only, and
may link only to itself or the users it manages; only administrators and managers link users.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.api.auth import CurrentUser, engine_of
from fleetwire.store import access
from fleetwire.store.users import User

# Traccar key -> our object kind
KINDS = {
    "userId": "user", "deviceId": "device", "groupId": "group", "geofenceId": "geofence",
    "notificationId": "notification", "calendarId": "calendar", "driverId": "driver",
    "maintenanceId": "maintenance", "commandId": "command", "managedUserId": "managedUser",
    "attributeId": "attribute",
}  # fmt: skip


def _pair(body: Any) -> tuple[str, int, str, int]:
    if not isinstance(body, dict) or len(body) != 2:
        raise HTTPException(400, "a permission is an object of two keys, owner first")
    (k1, v1), (k2, v2) = body.items()
    if k1 not in KINDS or k2 not in KINDS:
        raise HTTPException(400, f"unknown permission keys {k1!r}, {k2!r}")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (v1, v2)):
        raise HTTPException(400, "permission ids are integers")
    owner, prop = KINDS[k1], KINDS[k2]
    try:
        access.link_table(owner, prop)
    except access.UnknownLink as e:
        raise HTTPException(400, str(e)) from None
    return owner, v1, prop, v2


async def _sees(engine: AsyncEngine, user: User, kind: str, object_id: int) -> bool:
    if kind == "device":
        return await access.can_see_device(engine, user, object_id)
    if kind == "group":
        return await access.can_see_group(engine, user, object_id)
    if kind in ("user", "managedUser"):
        ids = await access.managed_user_ids(engine, user)
        return ids is None or object_id in ids
    return await access.can_see_object(engine, user, kind, object_id)


async def _allowed(engine: AsyncEngine, user: User, pair: tuple[str, int, str, int]) -> None:
    if user.administrator:
        return
    owner, owner_id, prop, prop_id = pair
    if not access.can_edit(user):
        raise HTTPException(400, "a read-only user changes no permissions")
    if prop == "managedUser" and not user.manager:
        raise HTTPException(400, "only administrators and managers link users")
    if owner == "device" and not access.can_edit_devices(user):
        raise HTTPException(400, "this user may not change devices")
    if not (
        await _sees(engine, user, owner, owner_id) and await _sees(engine, user, prop, prop_id)
    ):
        raise HTTPException(400, "no access to one of the objects")


async def _apply(request: Request, user: User, items: list[Any], add: bool) -> Response:
    engine = engine_of(request)
    pairs = [_pair(item) for item in items]
    if len({(p[0], p[2]) for p in pairs}) > 1:
        raise HTTPException(400, "a bulk request links one kind of pair")
    for pair in pairs:
        await _allowed(engine, user, pair)
    try:
        for owner, owner_id, prop, prop_id in pairs:
            if add:
                await access.link(engine, owner, owner_id, prop, prop_id)
            else:
                await access.unlink(engine, owner, owner_id, prop, prop_id)
    except IntegrityError:
        raise HTTPException(400, "no such object") from None
    return Response(status_code=204)


def permissions_router() -> APIRouter:
    r = APIRouter(tags=["permissions"])

    @r.post("/api/permissions", status_code=204, summary="Link two objects")
    async def link(request: Request, user: CurrentUser, body: Annotated[Any, Body()]) -> Response:
        return await _apply(request, user, [body], add=True)

    @r.delete("/api/permissions", status_code=204, summary="Unlink two objects (JSON body)")
    async def unlink(request: Request, user: CurrentUser, body: Annotated[Any, Body()]) -> Response:
        return await _apply(request, user, [body], add=False)

    @r.post("/api/permissions/bulk", status_code=204, summary="Link many pairs of one kind")
    async def link_bulk(
        request: Request, user: CurrentUser, body: Annotated[list[Any], Body()]
    ) -> Response:
        return await _apply(request, user, body, add=True)

    @r.delete("/api/permissions/bulk", status_code=204, summary="Unlink many pairs of one kind")
    async def unlink_bulk(
        request: Request, user: CurrentUser, body: Annotated[list[Any], Body()]
    ) -> Response:
        return await _apply(request, user, body, add=False)

    return r
