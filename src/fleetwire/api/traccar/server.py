"""Traccar's GET /api/server: public, always 200, `attributes` always an object (the web UI
reads `server.attributes.x` directly), `newServer` while no user exists (unauthenticated
callers only), `storageSpace` only for administrators."""

from __future__ import annotations

import shutil
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select

from fleetwire.api.auth import optional_user
from fleetwire.api.traccar.context import Context
from fleetwire.api.traccar.convert import json_response
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.store.schema import users
from fleetwire.store.users import User

TRACCAR_VERSION = "6.14.5"  # the API level served (the digest's reference version)


def server_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/server", tags=["traccar: server"], route_class=TextErrors)

    @r.get("", summary="Server information (public)")
    async def server(user: Annotated[User | None, Depends(optional_user)]) -> Response:
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
            "id": 1, "attributes": dict(ctx.settings.api.server_attributes),
            "registration": False, "readonly": False, "deviceReadonly": False, "map": None,
            "bingKey": None, "mapUrl": None, "overlayUrl": None, "latitude": 0.0,
            "longitude": 0.0, "zoom": 0, "forceSettings": False, "coordinateFormat": None,
            "limitCommands": False, "disableReports": False, "fixedEmail": False,
            "poiLayer": None, "announcement": None, "version": TRACCAR_VERSION,
            "emailEnabled": False, "textEnabled": False, "geocoderEnabled": False,
            "storageSpace": storage, "newServer": user is None and n_users == 0,
            "openIdEnabled": False, "openIdForce": False,
        }  # fmt: skip
        return json_response(body)

    return r
