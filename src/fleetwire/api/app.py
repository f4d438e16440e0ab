"""The FastAPI application: the Traccar-compatible API (api/traccar/) on Traccar's paths, the
session, users and permissions routes, and Fleetwire's own routes beside them: devices and
positions as the store keeps them (/api/fleetwire/...), raw frames, dead letters, the command
queue, health, metrics.

Reads the embedded stores through per-thread SQLite connections (FastAPI runs plain ``def``
endpoints in a thread pool); the registry's users, sessions and links through the async engine
of store/db.py (``app.state.registry``). Every route over device data takes the caller's
``Scope`` (api/auth.py) and shows only the devices it may see: another's device is 404, as an
unknown one. Bodies are serialised with orjson; the pydantic schemas only describe them in
/docs.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import PlainTextResponse

from fleetwire import __version__
from fleetwire.api.auth import DeviceScope, OptionalUser, Scope, is_loopback, peer
from fleetwire.api.commands import commands_router
from fleetwire.api.outbox import outbox_router
from fleetwire.api.password import password_router
from fleetwire.api.permissions import permissions_router
from fleetwire.api.schemas import DeadLetterOut, DeviceOut, ErrorOut, PositionOut, RawFrameOut
from fleetwire.api.session import session_router
from fleetwire.api.traccar import install as install_traccar
from fleetwire.api.traccar.context import Context
from fleetwire.api.users import users_router
from fleetwire.api.web_ui import mount_ui
from fleetwire.config import Settings
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.store.derived import SqliteDerived
from fleetwire.store.registry import Device, SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry, StoredPosition
from fleetwire.worker.loop import CONSUMER


def _iso_ms(ms: int) -> str:
    return (
        datetime.fromtimestamp(ms / 1000, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


class Stores:
    """One set of SQLite connections per API thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()

    def _get(self) -> tuple[SqliteRegistry, SqliteTelemetry, SqliteRawLogReader]:
        s = getattr(self._local, "stores", None)
        if s is None:
            st = self.settings
            s = (
                SqliteRegistry(st.registry_path),
                SqliteTelemetry(st.telemetry_path, readonly=True),
                SqliteRawLogReader(st.rawlog_path),
            )
            self._local.stores = s
        return s

    @property
    def registry(self) -> SqliteRegistry:
        return self._get()[0]

    @property
    def telemetry(self) -> SqliteTelemetry:
        return self._get()[1]

    @property
    def rawlog(self) -> SqliteRawLogReader:
        return self._get()[2]

    def lag(self) -> tuple[int, int]:
        """(raw-log head, frames not yet processed)."""
        head = self.rawlog.head()
        return head, head - self.telemetry.offset(CONSUMER)

    @property
    def derived(self) -> Any:
        """The business logic's tables (store/derived.py), called synchronously."""
        d = getattr(self._local, "derived", None)
        if d is None:
            d = self._local.derived = SyncReader(SqliteDerived(self.settings))
        return d


class SyncReader:
    """An async reader called from a plain ``def`` endpoint (a thread of its own)."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._reader, name)
        return lambda *a, **k: asyncio.run(method(*a, **k))


def _json(body: Any) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


def _position(p: StoredPosition, uid: str) -> dict[str, Any]:
    return {
        "id": p.id,
        "deviceId": p.device_id,
        "uniqueId": uid,
        "kind": p.kind,
        "time": _iso_ms(p.fix_time_ms),
        "serverTime": _iso_ms(p.server_time_ms),
        "valid": p.valid,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "altitude": p.altitude,
        "speed": p.speed,
        "course": p.course,
        "satellites": p.satellites,
        "attributes": p.attributes,
        "frame": p.frame_seq,
    }


def _device(d: Device, last_ms: int | None) -> dict[str, Any]:
    return {
        "id": d.id,
        "uniqueId": d.unique_id,
        "name": d.name,
        "protocol": d.protocol,
        "disabled": d.disabled,
        "created": _iso_ms(d.created_ms),
        "lastUpdate": _iso_ms(last_ms) if last_ms is not None else None,
    }


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"description": "invalid parameter"},
}


def create_app(settings: Settings) -> FastAPI:
    from fleetwire.store.db import open_registry

    if not settings.store.postgres:
        from fleetwire.store.migrate import migrate_embedded

        migrate_embedded(settings)
    registry = open_registry(settings)
    stores: Any = Stores(settings)
    if settings.store.postgres:
        from fleetwire.api.scale import ScaleStores

        stores = ScaleStores(settings)
    ctx = Context(settings, stores, registry)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await feed.close()
        await ctx.close()
        await registry.dispose()

    app = FastAPI(
        title="Fleetwire",
        version=__version__,
        description="The Traccar-compatible API (Traccar's paths, JSON and units: speed in"
        " knots there) and Fleetwire's own: positions as stored (km/h), raw frames, the"
        " command queue, campaigns, health. Log in with POST /api/session (form) for a"
        " JSESSIONID cookie, or send Basic credentials or a Bearer token (POST"
        " /api/session/token) with each request.",
        lifespan=lifespan,
    )
    app.state.registry = registry
    app.state.settings = settings
    app.state.traccar = ctx
    feed = install_traccar(app, ctx)
    app.state.traccar_feed = feed
    max_rows = settings.api.max_rows

    def find_device(unique_id: str, scope: DeviceScope) -> Device:
        dev: Device | None = stores.registry.get(unique_id)
        if dev is None or not scope.allows(dev.id):
            raise HTTPException(404, f"no device with unique id {unique_id!r}")
        return dev

    def time_range(start: datetime, end: datetime) -> tuple[datetime, datetime]:
        start, end = _utc(start), _utc(end)
        if end <= start:
            raise HTTPException(400, "'to' must be after 'from'")
        return start, end

    @app.get("/api/fleetwire/devices", response_model=list[DeviceOut], tags=["fleetwire"])
    def devices(scope: Scope) -> Response:
        latest = {p.device_id: p.fix_time_ms for p in stores.telemetry.latest()}
        return _json(
            [_device(d, latest.get(d.id)) for d in stores.registry.devices() if scope.allows(d.id)]
        )

    @app.get(
        "/api/fleetwire/positions",
        response_model=list[PositionOut],
        responses=ERRORS,
        tags=["fleetwire"],
    )
    def positions(
        scope: Scope,
        device: Annotated[str, Query(description="the device's unique id (IMEI)", min_length=1)],
        start: Annotated[datetime, Query(alias="from", description="ISO-8601; naive means UTC")],
        end: Annotated[datetime, Query(alias="to", description="ISO-8601, exclusive")],
        limit: Annotated[int, Query(ge=1)] = max_rows,
    ) -> Response:
        dev = find_device(device, scope)
        start, end = time_range(start, end)
        rows = stores.telemetry.positions(
            dev.id, int(start.timestamp() * 1000), int(end.timestamp() * 1000), min(limit, max_rows)
        )
        return _json([_position(p, dev.unique_id) for p in rows])

    @app.get(
        "/api/fleetwire/positions/latest",
        response_model=list[PositionOut],
        responses=ERRORS,
        tags=["fleetwire"],
    )
    def latest(
        scope: Scope,
        device: Annotated[str | None, Query(description="one device's unique id")] = None,
    ) -> Response:
        if device is not None:
            dev = find_device(device, scope)
            return _json([_position(p, dev.unique_id) for p in stores.telemetry.latest([dev.id])])
        rows = [p for p in stores.telemetry.latest() if scope.allows(p.device_id)]
        devs = stores.registry.by_ids(p.device_id for p in rows)
        return _json(
            [_position(p, devs[p.device_id].unique_id) for p in rows if p.device_id in devs]
        )

    @app.get("/api/raw", response_model=list[RawFrameOut], responses=ERRORS, tags=["raw"])
    def raw(
        scope: Scope,
        device: Annotated[str, Query(description="the device's unique id (IMEI)", min_length=1)],
        start: Annotated[datetime, Query(alias="from")],
        end: Annotated[datetime, Query(alias="to")],
        limit: Annotated[int, Query(ge=1)] = max_rows,
        sessions: Annotated[
            bool,
            Query(
                description="also the gateway's session records (transport `session`, hex of"
                " `online` or `offline`): when each connection was identified and closed"
            ),
        ] = False,
    ) -> Response:
        dev = find_device(device, scope)
        start, end = time_range(start, end)
        frames = stores.rawlog.query(
            dev.id,
            int(start.timestamp() * 1e6),
            int(end.timestamp() * 1e6),
            min(limit, max_rows),
            sessions=sessions,
        )
        return _json(
            [
                {
                    "seq": f.seq,
                    "deviceId": f.device_id,
                    "uniqueId": dev.unique_id,
                    "protocol": f.protocol,
                    "transport": f.transport,
                    "received": datetime.fromtimestamp(f.received_us / 1e6, UTC)
                    .isoformat(timespec="microseconds")
                    .replace("+00:00", "Z"),
                    "connection": f.connection,
                    "peer": f.peer,
                    "hex": f.data.hex(),
                    "context": f.context.hex() or None,
                }
                for f in frames
            ]
        )

    @app.get(
        "/api/dead-letters", response_model=list[DeadLetterOut], responses=ERRORS, tags=["raw"]
    )
    def dead_letters(
        scope: Scope,
        device: Annotated[str | None, Query(description="one device's unique id")] = None,
        limit: Annotated[int, Query(ge=1)] = max_rows,
    ) -> Response:
        """Frames that did not decode and frames with records that failed the sanity check
        (impossible coordinates, dates, speeds...), newest first; `fleetwire replay
        --dead-letters` decodes them again after a fix."""
        dev = find_device(device, scope) if device is not None else None
        rows = stores.telemetry.dead_letters(min(limit, max_rows), dev.id if dev else None)
        rows = [r for r in rows if scope.allows(r[1])]
        devs = stores.registry.by_ids({r[1] for r in rows})
        return _json(
            [
                {
                    "frame": seq, "deviceId": dev_id,
                    "uniqueId": devs[dev_id].unique_id if dev_id in devs else None,
                    "protocol": protocol, "error": error, "at": _iso_ms(at),
                }
                for seq, dev_id, protocol, error, at in rows
            ]
        )  # fmt: skip

    @app.get("/api/rejected", responses=ERRORS, tags=["positions"])
    def rejected(
        scope: Scope,
        device: Annotated[str, Query(description="the device's unique id (IMEI)", min_length=1)],
        start: Annotated[datetime, Query(alias="from")],
        end: Annotated[datetime, Query(alias="to")],
        limit: Annotated[int, Query(ge=1)] = max_rows,
    ) -> Response:
        """Positions a filter (`filter.*`) kept out of telemetry, with the filter's name."""
        dev = find_device(device, scope)
        start, end = time_range(start, end)
        rows = stores.derived.rejected(
            [dev.id], int(start.timestamp() * 1000), int(end.timestamp() * 1000),
            min(limit, max_rows),
        )  # fmt: skip
        return _json([
            {"deviceId": r.device_id, "uniqueId": dev.unique_id, "time": _iso_ms(r.fix_time),
             "serverTime": _iso_ms(r.server_time), "frame": r.frame_seq, "latitude": r.latitude,
             "longitude": r.longitude, "speed": r.speed, "attributes": r.attributes,
             "reason": r.reason}
            for r in rows
        ])  # fmt: skip

    app.include_router(commands_router(registry))
    app.include_router(session_router())
    app.include_router(password_router())
    app.include_router(users_router())
    app.include_router(permissions_router())
    app.include_router(outbox_router(settings))

    @app.get("/api/health", tags=["system"], summary="Public: liveness and worker lag")
    def health() -> dict[str, Any]:
        head, lag = stores.lag()
        return {"status": "ok", "rawlogHead": head, "lag": lag}

    @app.get(
        "/metrics", response_class=PlainTextResponse, tags=["system"],
        summary="Prometheus metrics: open to loopback, else an administrator (Basic or Bearer"
        " in the scrape config)",
    )  # fmt: skip
    def metrics_endpoint(request: Request, user: OptionalUser) -> Response:
        if not is_loopback(peer(request)):
            if user is None:
                raise HTTPException(401, "authentication required")
            if not user.administrator:
                raise HTTPException(400, "administrator access required")
        from fleetwire.api.metrics import render

        head, lag = stores.lag()
        body, content_type = render(head, lag)
        return Response(body, media_type=content_type)

    if settings.api.web_path is not None:
        from fleetwire.api.traccar.static import mount_web

        # last: every API route above wins over the static app's catch-all
        mount_web(app, settings.api.web_path, settings.api.server_attributes)
        return app
    mount_ui(app, settings)  # /, the UI's files, and its paths where no route answers
    return app
