"""The Traccar-compatible API (/api/... with Traccar's paths, JSON, units and status codes, as
`../shared/traccar-api.md` digests them), one module per resource; `install` mounts them all."""

from __future__ import annotations

from fastapi import FastAPI

from fleetwire.api.traccar.commands import commands_router
from fleetwire.api.traccar.context import Context
from fleetwire.api.traccar.devices import devices_router
from fleetwire.api.traccar.events import events_router
from fleetwire.api.traccar.feed import LiveFeed
from fleetwire.api.traccar.objects import SPECS, object_router
from fleetwire.api.traccar.positions import positions_router
from fleetwire.api.traccar.reports import reports_router
from fleetwire.api.traccar.server import server_router
from fleetwire.api.traccar.socket import socket_router
from fleetwire.api.traccar.types import types_router


def install(app: FastAPI, ctx: Context) -> LiveFeed:
    """Mount every Traccar route; returns the live feed (the app stops it at shutdown)."""
    feed = LiveFeed(ctx)
    app.include_router(socket_router(ctx, feed))
    app.include_router(server_router(ctx))
    app.include_router(devices_router(ctx))
    app.include_router(positions_router(ctx))
    app.include_router(events_router(ctx))
    app.include_router(types_router())  # before notifications/{id}
    app.include_router(commands_router(ctx))
    app.include_router(reports_router(ctx))
    for spec in SPECS:
        app.include_router(object_router(ctx, spec))
    return feed
