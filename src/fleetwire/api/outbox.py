"""/api/fleetwire/notifications and /api/fleetwire/outbox: notification rows with their status,
attempts and last error, and per sink what waits and what is dead, so that a failed delivery is
visible without reading logs (Traccar's #2220, #5584).

Reads the outbox tables (store/outbox.py) on either backend; never imports the worker. Where
the API has authentication (fleetwire.api.auth), a user sees the notifications addressed to them
about devices they can see, and only an administrator sees the sinks and dead messages.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Response

from fleetwire.config import Settings
from fleetwire.store.outbox import Db, Message, OutboxStore, PgDb, SqliteDb

Status = Literal["held", "pending", "sent", "failed", "dead", "cancelled", "queued"]


def _json(body: Any) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


def _message(m: Message) -> dict[str, Any]:
    body = orjson.loads(m.payload)
    return {
        "id": m.id,
        "channel": m.sink.removeprefix("notify:"),
        "kind": m.kind,
        "deviceId": m.device_id,
        "recordId": m.record_id,
        "ruleId": m.rule_id,
        "userId": m.user_id,
        "status": m.status,
        "attempts": m.attempts,
        "lastError": m.last_error,
        "created": m.created,
        "nextAttempt": m.next_at or None,
        "done": m.done_at,
        "event": body.get("event"),
        "delayed": bool(body.get("delayed")),
    }


async def _no_auth() -> None:
    return None


def _scope_dependency() -> Any:
    """The API's device scope dependency where authentication exists, else none."""
    try:
        return importlib.import_module("fleetwire.api.auth").device_scope
    except (ImportError, AttributeError):
        return _no_auth


# module level: the routes' annotations are strings, resolved in this module's namespace
Scope = Annotated[Any, Depends(_scope_dependency())]


def _visible(scope: Any, asked: list[int] | None) -> list[int] | None:
    """The devices a query may cover: those asked for, within those the caller sees."""
    ids = None if scope is None else scope.ids
    if ids is None:
        return asked
    return sorted(ids if asked is None else ids.intersection(asked))


def _admin(scope: Any) -> None:
    if scope is not None and not scope.user.administrator:
        raise HTTPException(400, "administrator access required")


def outbox_router(settings: Settings) -> APIRouter:
    router = APIRouter(tags=["notifications"])
    held: dict[str, OutboxStore] = {}
    parts = settings.rawlog.partitions if settings.rawlog.jetstream else 1

    async def store() -> OutboxStore:
        if "s" not in held:
            db: Db
            if settings.store.postgres:
                from fleetwire.store.postgres.stores import connect_pool

                db = PgDb(await connect_pool(settings.store.url, max_size=2))
            else:
                db = SqliteDb(settings.telemetry_path)
            held["s"] = OutboxStore(db)
        return held["s"]

    @router.get("/api/fleetwire/notifications")
    async def notifications(
        scope: Scope,
        status: Annotated[list[Status] | None, Query(description="repeatable")] = None,
        device_id: Annotated[list[int] | None, Query(alias="deviceId")] = None,
        limit: Annotated[int, Query(ge=1, le=10000)] = 100,
    ) -> Response:
        """Notifications, newest first: status held (waiting out a minimum duration), pending,
        sent, failed (retrying at nextAttempt), dead (given up) or cancelled."""
        s = await store()
        admin = scope is None or scope.user.administrator
        rows = await s.list(
            kinds=["notification"], statuses=status or (), device_ids=_visible(scope, device_id),
            user_ids=None if admin else [scope.user.id], limit=limit,
        )  # fmt: skip
        return _json([_message(m) for m in rows])

    @router.get("/api/fleetwire/outbox")
    async def outbox(scope: Scope) -> Response:
        """Per sink (forwarding sinks by name, notification channels as notify:<channel>):
        messages waiting (depth) and dead."""
        _admin(scope)
        s = await store()
        out: dict[str, dict[str, int]] = {}
        for sink, status, n in await s.summary():
            out.setdefault(sink, {"depth": 0, "dead": 0})
            if status == "dead":
                out[sink]["dead"] = n
            elif status in ("pending", "failed", "held"):
                out[sink]["depth"] += n
        for name in settings.outbox.sinks:
            out.setdefault(name, {"depth": 0, "dead": 0})["depth"] = await s.depth(name, parts)
        return _json([{"sink": k, **v} for k, v in sorted(out.items())])

    @router.get("/api/fleetwire/outbox/dead")
    async def dead(
        scope: Scope,
        device_id: Annotated[list[int] | None, Query(alias="deviceId")] = None,
        limit: Annotated[int, Query(ge=1, le=10000)] = 100,
    ) -> Response:
        """Forwarded messages a sink refused max_attempts times, with the last error."""
        _admin(scope)
        s = await store()
        rows = await s.list(kinds=["position", "event"], statuses=["dead"], device_ids=device_id,
                            limit=limit)  # fmt: skip
        return _json([{**_message(m), "sink": m.sink} for m in rows])

    return router
