"""Traccar's /api/server. GET: public, always 200, `attributes` always an object (the web UI
reads `server.attributes.x` directly), `newServer` while no user exists (unauthenticated
callers only), `storageSpace` only for administrators. PUT (administrators): the writable
fields, kept in the registry (store/server_settings.py) over the config's defaults; the
computed ones (version, storageSpace, newServer, the *Enabled flags) are never written;
`emailEnabled` (traccar-web then offers password reset) says whether an SMTP host is set.

Traccar's server-wide restrictions (readonly, deviceReadonly, limitCommands, disableReports)
are enforced per user here; a PUT that turns one on is refused rather than stored and ignored.
"""

from __future__ import annotations

import shutil
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Response
from sqlalchemy import func, select

from fleetwire.api.auth import optional_user
from fleetwire.api.traccar.context import Context, CurrentUser, check_admin
from fleetwire.api.traccar.convert import json_response
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.mailer import mail_configured
from fleetwire.store import server_settings
from fleetwire.store.schema import users
from fleetwire.store.users import User

TRACCAR_VERSION = "6.14.5"  # the API level served (the digest's reference version)

# writable field -> the JSON types it takes (None allowed for every text field)
WRITABLE: dict[str, tuple[type, ...]] = {
    "registration": (bool,), "readonly": (bool,), "deviceReadonly": (bool,),
    "limitCommands": (bool,), "disableReports": (bool,), "forceSettings": (bool,),
    "fixedEmail": (bool,), "map": (str,), "bingKey": (str,), "mapUrl": (str,),
    "overlayUrl": (str,), "coordinateFormat": (str,), "poiLayer": (str,),
    "announcement": (str,), "latitude": (int, float), "longitude": (int, float),
    "zoom": (int,),
}  # fmt: skip
PER_USER_ONLY = ("readonly", "deviceReadonly", "limitCommands", "disableReports")


def _defaults(ctx: Context) -> dict[str, Any]:
    return {
        "attributes": dict(ctx.settings.api.server_attributes),
        "registration": ctx.settings.api.registration, "readonly": False,
        "deviceReadonly": False, "map": None, "bingKey": None, "mapUrl": None,
        "overlayUrl": None, "latitude": 0.0, "longitude": 0.0, "zoom": 0,
        "forceSettings": False, "coordinateFormat": None, "limitCommands": False,
        "disableReports": False, "fixedEmail": False, "poiLayer": None, "announcement": None,
    }  # fmt: skip


async def effective(ctx: Context) -> dict[str, Any]:
    """The writable fields as they stand: the stored ones over the defaults."""
    return {**_defaults(ctx), **await server_settings.load(await ctx.registry())}


def _checked(body: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, types in WRITABLE.items():
        if key not in body:
            continue
        v = body[key]
        nullable = str in types
        if (v is None and not nullable) or (
            v is not None
            and (not isinstance(v, types) or (isinstance(v, bool) and bool not in types))
        ):
            raise HTTPException(400, f"{key} must be {' or '.join(t.__name__ for t in types)}")
        values[key] = v
    for key in PER_USER_ONLY:
        if values.get(key):
            raise HTTPException(
                400, f"{key} is set per user here (PUT /api/users/{{id}}), not server-wide"
            )
    attributes = body.get("attributes", {})
    if not isinstance(attributes, dict):
        raise HTTPException(400, "attributes must be an object")
    values["attributes"] = attributes
    return values


def server_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/server", tags=["traccar: server"], route_class=TextErrors)

    async def render(user: User | None) -> Response:
        engine = await ctx.registry()
        async with engine.connect() as conn:
            n_users = int(
                (await conn.execute(select(func.count()).select_from(users))).scalar_one()
            )
        storage: list[int] | None = None
        if user is not None and user.administrator:
            du = shutil.disk_usage(ctx.settings.data_dir)
            storage = [du.free, du.total]
        body: dict[str, Any] = {
            "id": 1, **await effective(ctx), "version": TRACCAR_VERSION,
            "emailEnabled": mail_configured(ctx.settings.outbox.notify),
            "textEnabled": False, "geocoderEnabled": False,
            "storageSpace": storage, "newServer": user is None and n_users == 0,
            "openIdEnabled": False, "openIdForce": False,
        }  # fmt: skip
        return json_response(body)

    @r.get("", summary="Server information (public)")
    async def server(user: Annotated[User | None, Depends(optional_user)]) -> Response:
        return await render(user)

    @r.put("", summary="Change the server settings (administrators; every writable field)")
    async def update(user: CurrentUser, body: Annotated[dict[str, Any], Body()]) -> Response:
        check_admin(user)
        await server_settings.save(await ctx.registry(), _checked(body))
        return await render(user)

    return r
