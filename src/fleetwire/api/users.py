"""/api/users: Traccar's User JSON (traccar-api.md §3.5; ``password`` always null), the list,
CRUD and the first-registration flow: the first user ever created becomes administrator, and
anyone may register afterwards only with registration on (``api.registration``, or as an
administrator set it with PUT /api/server).

Who may do what: an administrator anything; a manager (userLimit != 0) creates users it then
manages, sees and edits them, never granting more than it has; a user sees and edits itself,
except the restricted fields (administrator, readonly, deviceReadonly, limitCommands, disabled,
expirationTime, deviceLimit, userLimit). Refusals are 400, as in Traccar.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from fleetwire.api.auth import CurrentUser, OptionalUser, engine_of, settings_of
from fleetwire.store import access, server_settings, totp
from fleetwire.store.users import (
    User,
    UserExists,
    count_users,
    create_user,
    delete_user,
    get_user,
    list_users,
    update_user,
)


def traccar_time(ms: int | None) -> str | None:
    """Traccar's output form: 2026-08-21T09:18:51.000+00:00."""
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def user_json(u: User) -> dict[str, Any]:
    return {
        "id": u.id, "attributes": u.attributes, "name": u.name, "login": u.login,
        "email": u.email, "phone": u.phone, "readonly": u.readonly,
        "administrator": u.administrator, "map": None, "latitude": 0.0, "longitude": 0.0,
        "zoom": 0, "coordinateFormat": None, "disabled": u.disabled,
        "expirationTime": traccar_time(u.expiration_time), "deviceLimit": u.device_limit,
        "userLimit": u.user_limit, "deviceReadonly": u.device_readonly,
        "limitCommands": u.limit_commands, "disableReports": u.disable_reports,
        "fixedEmail": False, "poiLayer": None, "totpKey": u.totp_key, "temporary": False,
        "password": None,
    }  # fmt: skip


class UserIn(BaseModel):
    """Traccar's User as clients send it; unknown fields are ignored, as Traccar does."""

    model_config = ConfigDict(extra="ignore")
    id: int = 0
    name: str | None = Field(None, max_length=200)
    email: str = Field(min_length=1, max_length=200)
    login: str | None = Field(None, max_length=200)
    password: str | None = Field(None, max_length=1000)
    phone: str | None = Field(None, max_length=100)
    readonly: bool = False
    administrator: bool = False
    disabled: bool = False
    expirationTime: str | None = None
    deviceLimit: int = -1
    userLimit: int = 0
    deviceReadonly: bool = False
    limitCommands: bool = False
    disableReports: bool = False
    totpKey: str | None = Field(None, max_length=200)
    attributes: dict[str, Any] = Field(default_factory=dict)


RESTRICTED = {
    "administrator": "administrator", "readonly": "readonly", "device_readonly": "deviceReadonly",
    "limit_commands": "limitCommands", "disabled": "disabled", "expiration_time": "expirationTime",
    "device_limit": "deviceLimit", "user_limit": "userLimit", "disable_reports": "disableReports",
}  # fmt: skip


def _fields(body: UserIn) -> dict[str, Any]:
    from fleetwire.api.session import parse_time

    return {
        "name": body.name or body.email, "email": body.email, "login": body.login or None,
        "phone": body.phone, "readonly": body.readonly, "administrator": body.administrator,
        "disabled": body.disabled, "device_limit": body.deviceLimit,
        "user_limit": body.userLimit, "device_readonly": body.deviceReadonly,
        "limit_commands": body.limitCommands, "disable_reports": body.disableReports,
        "expiration_time": parse_time(body.expirationTime) if body.expirationTime else None,
        "attributes": body.attributes, "totp_key": _totp_key(body.totpKey),
    }  # fmt: skip


def _totp_key(value: str | None) -> str | None:
    if not value:
        return None
    if not totp.valid_secret(value):
        raise HTTPException(400, "totpKey must be a base32 secret (POST /api/users/totp makes one)")
    return value.strip().replace(" ", "").upper()


def _defaults() -> dict[str, Any]:
    return {"administrator": False, "readonly": False, "device_readonly": False,
            "limit_commands": False, "disabled": False, "expiration_time": None,
            "device_limit": -1, "user_limit": 0, "disable_reports": False}  # fmt: skip


def _no_escalation(caller: User, fields: dict[str, Any], before: dict[str, Any]) -> None:
    """A non-administrator may not change a restricted field from what it was (``before``)."""
    if caller.administrator:
        return
    changed = [RESTRICTED[k] for k in RESTRICTED if fields.get(k) != before.get(k)]
    if changed:
        raise HTTPException(400, f"only an administrator may change {', '.join(changed)}")


def _as_fields(u: User) -> dict[str, Any]:
    return {k: getattr(u, k) for k in RESTRICTED}


async def _registration_open(request: Request, engine: Any) -> bool:
    """Registration as PUT /api/server last set it, else ``api.registration``."""
    stored = (await server_settings.load(engine)).get("registration")
    return bool(settings_of(request).api.registration if stored is None else stored)


async def _visible(request: Request, caller: User, user_id: int) -> User:
    target = await get_user(engine_of(request), user_id)
    if target is None:
        raise HTTPException(404, f"no user {user_id}")
    ids = await access.managed_user_ids(engine_of(request), caller)
    if ids is not None and user_id not in ids:
        raise HTTPException(400, "no access to this user")
    return target


def users_router() -> APIRouter:
    r = APIRouter(tags=["users"])

    @r.get("/api/users", summary="Users the caller manages (all for an administrator)")
    async def users(request: Request, caller: CurrentUser) -> Response:
        ids = await access.managed_user_ids(engine_of(request), caller)
        return json_response([user_json(u) for u in await list_users(engine_of(request), ids)])

    @r.post("/api/users/totp", summary="A new one-time-password secret (bare text; public)")
    async def new_totp_key() -> Response:
        # only generated here: it protects an account once a PUT stores it as totpKey
        return Response(totp.new_secret(), media_type="text/plain")

    @r.get("/api/users/{user_id}")
    async def one(request: Request, caller: CurrentUser, user_id: int) -> Response:
        return json_response(user_json(await _visible(request, caller, user_id)))

    @r.post("/api/users", summary="Create a user, or register (the first user is administrator)")
    async def create(request: Request, caller: OptionalUser, body: UserIn) -> Response:
        engine = engine_of(request)
        fields = _fields(body)
        first = False
        if caller is None:
            first = await count_users(engine) == 0
            if not first and not await _registration_open(request, engine):
                raise HTTPException(400, "Registration disabled")
            fields.update(_defaults())  # a registration chooses no privileges
        elif not (caller.administrator or caller.manager):
            raise HTTPException(400, "only administrators and managers create users")
        else:
            _no_escalation(caller, fields, _defaults())
        if not body.password:
            raise HTTPException(400, "a password is required")
        try:
            new = await create_user(
                engine, fields.pop("email"), body.password, first_is_admin=first, **fields
            )
        except UserExists as e:
            raise HTTPException(400, str(e)) from None
        if caller is not None and not caller.administrator:
            await access.link(engine, "user", caller.id, "managedUser", new.id)
        return json_response(user_json(new))

    @r.put("/api/users/{user_id}", summary="Replace a user (a non-empty password sets it)")
    async def replace(
        request: Request, caller: CurrentUser, user_id: int, body: UserIn
    ) -> Response:
        target = await _visible(request, caller, body.id or user_id)
        fields = _fields(body)
        _no_escalation(caller, fields, _as_fields(target))
        try:
            updated = await update_user(
                engine_of(request), target.id, password=body.password, **fields
            )
        except UserExists as e:
            raise HTTPException(400, str(e)) from None
        if updated is None:
            raise HTTPException(404, f"no user {target.id}")
        return json_response(user_json(updated))

    @r.delete("/api/users/{user_id}", status_code=204)
    async def remove(request: Request, caller: CurrentUser, user_id: int) -> Response:
        await _visible(request, caller, user_id)
        if not (caller.administrator or (caller.manager and user_id != caller.id)):
            raise HTTPException(400, "only administrators and managers delete users")
        await delete_user(engine_of(request), user_id)
        return Response(status_code=204)

    return r
