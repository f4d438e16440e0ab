"""Traccar's fixed lists: GET /api/notifications/types (every event type, the report pickers
read it) and GET /api/notifications/notificators (the channels)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from fleetwire.api.auth import current_user
from fleetwire.api.traccar.convert import json_response
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.store.users import User

EVENT_TYPES = (
    "commandResult",
    "deviceOnline",
    "deviceUnknown",
    "deviceOffline",
    "deviceInactive",
    "queuedCommandSent",
    "deviceMoving",
    "deviceStopped",
    "deviceOverspeed",
    "deviceFuelDrop",
    "deviceFuelIncrease",
    "geofenceEnter",
    "geofenceExit",
    "geofenceCrossed",
    "proximityEnter",
    "proximityExit",
    "unaccompaniedMotion",
    "alarm",
    "ignitionOn",
    "ignitionOff",
    "maintenance",
    "driverChanged",
    "media",
)
NOTIFICATORS = ("web", "mail", "command")


def types_router() -> APIRouter:
    r = APIRouter(
        prefix="/api/notifications", tags=["traccar: notifications"], route_class=TextErrors
    )

    @r.get("/types", summary="Every event type")
    async def types(user: Annotated[User, Depends(current_user)]) -> Response:
        return json_response([{"type": t} for t in EVENT_TYPES])

    @r.get("/notificators", summary="Notification channels")
    async def notificators(user: Annotated[User, Depends(current_user)]) -> Response:
        return json_response([{"type": t} for t in NOTIFICATORS])

    return r
