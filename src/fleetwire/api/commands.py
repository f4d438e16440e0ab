"""Commands and campaigns over HTTP: create (idempotent by key), list, get, cancel; campaigns
with per-device progress and a stop. Validation happens here, before anything is queued: an
unknown device (or one the caller may not see) is 404, a command its protocol cannot encode is
400, a caller who may not send commands (read-only, limitCommands) is 403. A campaign is visible
to those who see all of its devices."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.api.auth import DeviceScope, Scope
from fleetwire.protocols import NAMES, get
from fleetwire.store.access import can_send_commands
from fleetwire.store.commands import Campaign, Commands, State, StoredCommand
from fleetwire.store.devices import device_by_unique_id, devices_by_ids
from fleetwire.store.registry import Device
from fleetwire.worker.campaigns import progress_counts

COMMAND_TYPES = sorted({c for n in NAMES for c in get(n).commands})


class CommandIn(BaseModel):
    device: str = Field(min_length=1, description="the device's unique id (IMEI)")
    type: str = Field(description="one of: " + ", ".join(COMMAND_TYPES))
    attributes: dict[str, Any] = Field(default_factory=dict, description="e.g. {'data': 'getver'}")
    priority: int = Field(0, description="higher goes first")
    ttl: float | None = Field(
        None, gt=0, description="seconds until it expires unsent; default 300 for engine "
        "stop/resume and output control, else 86400",
    )  # fmt: skip
    idempotencyKey: str | None = Field(None, min_length=1, max_length=200)


class CommandOut(BaseModel):
    id: int
    deviceId: int
    type: str
    attributes: dict[str, Any]
    priority: int
    state: State
    idempotencyKey: str | None
    campaignId: int | None
    created: datetime
    expires: datetime
    sent: datetime | None
    acknowledged: datetime | None
    answered: datetime | None
    finished: datetime | None
    attempts: int
    result: str | None
    error: str | None


class CampaignIn(BaseModel):
    type: str
    attributes: dict[str, Any] = Field(default_factory=dict)
    devices: list[str] = Field(min_length=1, description="unique ids, in rollout order")
    batchSize: int = Field(10, ge=1, description="commands open at once")
    failureThreshold: float = Field(0.2, ge=0, le=1, description="stop above this failure rate")
    minSample: int = Field(5, ge=1, description="finished commands before the threshold applies")
    ttl: float | None = Field(None, gt=0)
    priority: int = 0


def _iso(ms: int | None) -> str | None:
    if ms is None:
        return None
    return (
        datetime.fromtimestamp(ms / 1000, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def command_json(c: StoredCommand) -> dict[str, Any]:
    return {
        "id": c.id, "deviceId": c.device_id, "type": c.type, "attributes": c.attributes,
        "priority": c.priority, "state": str(c.state), "idempotencyKey": c.idempotency_key,
        "campaignId": c.campaign_id, "created": _iso(c.created), "expires": _iso(c.expires),
        "sent": _iso(c.sent), "acknowledged": _iso(c.acknowledged), "answered": _iso(c.answered),
        "finished": _iso(c.finished), "attempts": c.attempts, "result": c.result,
        "error": c.error,
    }  # fmt: skip


def _json(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def commands_router(engine: AsyncEngine) -> APIRouter:
    r = APIRouter(tags=["commands"])
    store = Commands(engine)

    async def find_device(unique_id: str, scope: DeviceScope) -> Device:
        dev = await device_by_unique_id(engine, unique_id)
        if dev is None or not scope.allows(dev.id):
            raise HTTPException(404, f"no device with unique id {unique_id!r}")
        return dev

    def may_send(scope: DeviceScope) -> None:
        if not can_send_commands(scope.user):
            raise HTTPException(403, "this user may not send commands")

    async def visible_command(command_id: int, scope: DeviceScope) -> StoredCommand:
        cmd = await store.get(command_id)
        if cmd is None or not scope.allows(cmd.device_id):
            raise HTTPException(404, f"no command {command_id}")
        return cmd

    async def visible_campaign(campaign_id: int, scope: DeviceScope) -> Campaign:
        c = await store.campaign(campaign_id)
        if c is None or not all(scope.allows(d) for d in c.device_ids):
            raise HTTPException(404, f"no campaign {campaign_id}")
        return c

    def check_supported(dev: Device, type_: str, attributes: dict[str, Any]) -> None:
        if type_ not in COMMAND_TYPES:
            raise HTTPException(400, f"unknown command type {type_!r}")
        if dev.protocol in NAMES and type_ not in get(dev.protocol).commands:
            raise HTTPException(
                400, f"{dev.protocol} devices have no command {type_!r}; "
                f"supported: {', '.join(sorted(get(dev.protocol).commands))}",
            )  # fmt: skip
        if type_ == "custom" and not isinstance(attributes.get("data"), str):
            raise HTTPException(400, "a custom command needs attributes.data (text)")

    @r.post("/api/commands/queue", response_model=CommandOut, status_code=201)
    async def create(body: CommandIn, scope: Scope) -> Response:
        dev = await find_device(body.device, scope)
        may_send(scope)
        check_supported(dev, body.type, body.attributes)
        cmd, created = await store.create(
            dev.id, body.type, body.attributes, priority=body.priority, ttl=body.ttl,
            idempotency_key=body.idempotencyKey,
        )  # fmt: skip
        if not created and (cmd.device_id != dev.id or cmd.type != body.type):
            raise HTTPException(409, "idempotency key already used for another command")
        return _json(command_json(cmd), 201 if created else 200)

    @r.get("/api/commands/queue", response_model=list[CommandOut])
    async def find(
        scope: Scope,
        device: Annotated[str | None, Query()] = None,
        state: Annotated[State | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
    ) -> Response:
        dev_id = (await find_device(device, scope)).id if device is not None else None
        found = await store.find(dev_id, state, limit, device_ids=scope.ids)
        return _json([command_json(c) for c in found])

    @r.get("/api/commands/queue/{command_id}", response_model=CommandOut)
    async def one(command_id: int, scope: Scope) -> Response:
        return _json(command_json(await visible_command(command_id, scope)))

    @r.delete("/api/commands/queue/{command_id}", response_model=CommandOut)
    async def cancel(command_id: int, scope: Scope) -> Response:
        cmd = await visible_command(command_id, scope)
        may_send(scope)
        if not await store.cancel(command_id):
            raise HTTPException(
                409, f"command {command_id} is {cmd.state}, only queued ones cancel"
            )
        cancelled = await store.get(command_id)
        assert cancelled is not None
        return _json(command_json(cancelled))

    async def campaign_json(c: Campaign) -> dict[str, Any]:
        issued = await store.campaign_commands(c.id)
        by_device = {cmd.device_id: cmd for cmd in issued}
        devices = await devices_by_ids(engine, c.device_ids)
        return {
            "id": c.id, "type": c.type, "attributes": c.attributes, "batchSize": c.batch_size,
            "failureThreshold": c.failure_threshold, "minSample": c.min_sample,
            "state": c.state, "reason": c.reason, "created": _iso(c.created),
            "finished": _iso(c.finished), "progress": progress_counts(c, issued),
            "devices": [
                {"uniqueId": devices[d].unique_id if d in devices else None,
                 "commandId": by_device[d].id if d in by_device else None,
                 "state": str(by_device[d].state) if d in by_device else "pending"}
                for d in c.device_ids
            ],
        }  # fmt: skip

    @r.post("/api/campaigns", status_code=201, tags=["campaigns"])
    async def create_campaign(body: CampaignIn, scope: Scope) -> Response:
        devs = [await find_device(uid, scope) for uid in dict.fromkeys(body.devices)]
        may_send(scope)
        for dev in devs:
            check_supported(dev, body.type, body.attributes)
        camp = await store.create_campaign(
            body.type, body.attributes, [d.id for d in devs], batch_size=body.batchSize,
            failure_threshold=body.failureThreshold, min_sample=body.minSample,
            ttl=body.ttl if body.ttl is not None else 86400.0, priority=body.priority,
        )  # fmt: skip
        return _json(await campaign_json(camp), 201)

    @r.get("/api/campaigns", tags=["campaigns"])
    async def campaigns(scope: Scope) -> Response:
        visible = [c for c in await store.campaigns() if all(map(scope.allows, c.device_ids))]
        return _json([await campaign_json(c) for c in visible])

    @r.get("/api/campaigns/{campaign_id}", tags=["campaigns"])
    async def campaign(campaign_id: int, scope: Scope) -> Response:
        return _json(await campaign_json(await visible_campaign(campaign_id, scope)))

    @r.post("/api/campaigns/{campaign_id}/stop", tags=["campaigns"])
    async def stop_campaign(campaign_id: int, scope: Scope) -> Response:
        await visible_campaign(campaign_id, scope)
        may_send(scope)
        await store.stop_campaign(campaign_id, "stopped by request")
        stopped = await store.campaign(campaign_id)
        assert stopped is not None
        return _json(await campaign_json(stopped))

    return r
