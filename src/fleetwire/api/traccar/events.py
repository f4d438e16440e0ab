"""Traccar's GET /api/events/{id}: one event (404 when unknown, 400 when its device is not the
caller's). There is no event list route: events are read through reports/events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

from fleetwire.api.auth import current_user
from fleetwire.api.traccar import derived
from fleetwire.api.traccar.context import Context
from fleetwire.api.traccar.convert import json_response
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.api.traccar.models import event_json
from fleetwire.store.users import User


def events_router(ctx: Context) -> APIRouter:
    r = APIRouter(prefix="/api/events", tags=["traccar: events"], route_class=TextErrors)

    @r.get("/{event_id}")
    async def event(event_id: int, user: Annotated[User, Depends(current_user)]) -> Response:
        reader = await ctx.telemetry()
        row = await derived.event_by_api_id(reader.engine, event_id)
        if row is None:
            raise HTTPException(404, f"no event {event_id}")
        await ctx.check_device(user, int(row["device_id"]))
        return json_response(event_json(row, derived.api_event_id(row["id"])))

    return r
