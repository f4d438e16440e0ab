"""Every route of the API, called as each kind of caller, against the status code it must give.

The routes are enumerated from the application itself: a route added without a rule here fails
``test_every_route_has_a_rule``, so no endpoint over device data ships without its access rule.
Callers: an administrator; ``owner``, linked to the device; ``stranger``, linked to nothing;
``viewer``, read-only and linked to the device; and anonymous. Routes over device data answer
404 to a caller who may not see the device (as for an unknown one), 403 to one who may not
change it; Traccar's routes answer 400 for a refusal, as Traccar does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI

from fleetwire.config import Settings
from tests.api.conftest import ADMIN, Client, add_user, basic
from tests.worker.test_worker import IMEI

ROLES = ("admin", "owner", "stranger", "viewer", "anonymous")
WIDE = {"device": IMEI, "from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
_n = itertools.count()


@dataclass
class World:
    client: Client  # the administrator
    clients: dict[str, Client]
    device_id: int
    users: dict[str, int]
    passwords: dict[str, str] = field(default_factory=dict)

    def command(self) -> int:
        body = {"device": IMEI, "type": "custom", "attributes": {"data": "x"}}
        r = self.client.request("POST", "/api/commands/queue", json=body)
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    def campaign(self) -> int:
        body = {"type": "custom", "attributes": {"data": "x"}, "devices": [IMEI]}
        r = self.client.request("POST", "/api/campaigns", json=body)
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    def victim(self) -> int:
        r = self.client.request(
            "POST", "/api/users", json={"email": f"victim{next(_n)}@x.org", "password": "pw"}
        )
        return int(r.json()["id"])

    def token(self, role: str) -> str:
        r = self.clients[role].request("POST", "/api/session/token")
        return r.text if r.status_code == 200 else "none"


# (method, path) -> how to call it as ``role`` (method, path, params, json, form)
Call = Callable[[World, str], tuple[str, dict[str, str] | None, Any, dict[str, str] | None]]


def plain(path: str, params: dict[str, str] | None = None, json: Any = None) -> Call:
    return lambda w, role: (path, params, json, None)


def link(w: World, role: str) -> tuple[str, None, Any, None]:
    return "/api/permissions", None, {"userId": w.users["spare"], "deviceId": w.device_id}, None


def link_bulk(w: World, role: str) -> tuple[str, None, Any, None]:
    return "/api/permissions/bulk", None, [link(w, role)[2]], None


# status per role: admin, owner, stranger, viewer, anonymous
RULES: dict[tuple[str, str], tuple[Call, tuple[int, ...]]] = {
    ("GET", "/"): (plain("/"), (200, 200, 200, 200, 200)),
    ("GET", "/docs"): (plain("/docs"), (200, 200, 200, 200, 200)),
    ("GET", "/redoc"): (plain("/redoc"), (200, 200, 200, 200, 200)),
    ("GET", "/docs/oauth2-redirect"): (plain("/docs/oauth2-redirect"), (200,) * 5),
    ("GET", "/openapi.json"): (plain("/openapi.json"), (200, 200, 200, 200, 200)),
    ("GET", "/api/health"): (plain("/api/health"), (200, 200, 200, 200, 200)),
    ("GET", "/api/ui/config"): (plain("/api/ui/config"), (200, 200, 200, 200, 200)),  # tile URL
    ("GET", "/metrics"): (plain("/metrics"), (200, 200, 200, 200, 200)),  # loopback
    ("GET", "/api/fleetwire/devices"): (plain("/api/fleetwire/devices"), (200, 200, 200, 200, 401)),
    ("GET", "/api/fleetwire/positions"): (
        plain("/api/fleetwire/positions", WIDE), (200, 200, 404, 200, 401)),
    ("GET", "/api/fleetwire/positions/latest"): (
        plain("/api/fleetwire/positions/latest", {"device": IMEI}), (200, 200, 404, 200, 401)),
    ("GET", "/api/raw"): (plain("/api/raw", WIDE), (200, 200, 404, 200, 401)),
    ("GET", "/api/rejected"): (plain("/api/rejected", WIDE), (200, 200, 404, 200, 401)),
    ("GET", "/api/dead-letters"): (
        plain("/api/dead-letters", {"device": IMEI}), (200, 200, 404, 200, 401)),
    # the outbox: each user's own notifications (filtered to its devices); sinks for admins
    ("GET", "/api/fleetwire/notifications"): (
        plain("/api/fleetwire/notifications"), (200, 200, 200, 200, 401)),
    ("GET", "/api/fleetwire/outbox"): (plain("/api/fleetwire/outbox"), (200, 400, 400, 400, 401)),
    ("GET", "/api/fleetwire/outbox/dead"): (
        plain("/api/fleetwire/outbox/dead"), (200, 400, 400, 400, 401)),
    ("POST", "/api/commands/queue"): (
        plain("/api/commands/queue", None, {"device": IMEI, "type": "custom",
                                      "attributes": {"data": "x"}}),
        (201, 201, 404, 403, 401)),
    ("GET", "/api/commands/queue"): (plain("/api/commands/queue", {"device": IMEI}),
                               (200, 200, 404, 200, 401)),
    ("GET", "/api/commands/queue/{command_id}"): (
        lambda w, r: (f"/api/commands/queue/{w.command()}", None, None, None),
        (200, 200, 404, 200, 401)),
    ("DELETE", "/api/commands/queue/{command_id}"): (
        lambda w, r: (f"/api/commands/queue/{w.command()}", None, None, None),
        (200, 200, 404, 403, 401)),
    ("POST", "/api/campaigns"): (
        plain("/api/campaigns", None, {"type": "custom", "attributes": {"data": "x"},
                                       "devices": [IMEI]}),
        (201, 201, 404, 403, 401)),
    ("GET", "/api/campaigns"): (plain("/api/campaigns"), (200, 200, 200, 200, 401)),
    ("GET", "/api/campaigns/{campaign_id}"): (
        lambda w, r: (f"/api/campaigns/{w.campaign()}", None, None, None),
        (200, 200, 404, 200, 401)),
    ("POST", "/api/campaigns/{campaign_id}/stop"): (
        lambda w, r: (f"/api/campaigns/{w.campaign()}/stop", None, None, None),
        (200, 200, 404, 403, 401)),
    ("GET", "/api/session"): (plain("/api/session"), (200, 200, 200, 200, 404)),
    ("POST", "/api/session"): (
        lambda w, r: ("/api/session", None, None,
                      {"email": f"{r}@x.org" if r != "admin" else ADMIN[0],
                       "password": w.passwords.get(r, "wrong")}),
        (200, 200, 200, 200, 401)),
    ("DELETE", "/api/session"): (plain("/api/session"), (204, 204, 204, 204, 401)),
    ("POST", "/api/session/token"): (plain("/api/session/token"), (200, 200, 200, 200, 401)),
    ("POST", "/api/session/token/revoke"): (
        lambda w, r: ("/api/session/token/revoke", None, None, {"token": w.token(r)}),
        (204, 204, 204, 204, 401)),
    ("GET", "/api/users"): (plain("/api/users"), (200, 200, 200, 200, 401)),
    ("GET", "/api/users/{user_id}"): (
        lambda w, r: (f"/api/users/{w.users['admin']}", None, None, None),
        (200, 400, 400, 400, 401)),
    ("POST", "/api/users"): (
        lambda w, r: ("/api/users", None, {"email": f"new{next(_n)}@x.org", "password": "p"},
                      None),
        (200, 400, 400, 400, 400)),  # anonymous: registration is off
    ("PUT", "/api/users/{user_id}"): (
        lambda w, r: (f"/api/users/{w.users['spare']}", None,
                      {"id": w.users["spare"], "email": "spare@x.org", "name": "S"}, None),
        (200, 400, 400, 400, 401)),
    ("DELETE", "/api/users/{user_id}"): (
        lambda w, r: (f"/api/users/{w.victim()}", None, None, None), (204, 400, 400, 400, 401)),
    ("POST", "/api/users/totp"): (plain("/api/users/totp"), (200,) * 5),  # public, as Traccar
    # public, as Traccar: 200 for any address (one per role: under the per-address limit)
    ("POST", "/api/password/reset"): (
        lambda w, r: ("/api/password/reset", None, None, {"email": f"nobody-{r}@x.org"}),
        (200,) * 5),
    ("POST", "/api/password/update"): (
        lambda w, r: ("/api/password/update", None, None, {"token": "none", "password": "p"}),
        (400,) * 5),  # a token that resets nothing is 400 for anyone
    ("POST", "/api/permissions"): (link, (204, 400, 400, 400, 401)),
    ("DELETE", "/api/permissions"): (link, (204, 400, 400, 400, 401)),
    ("POST", "/api/permissions/bulk"): (link_bulk, (204, 400, 400, 400, 401)),
    ("DELETE", "/api/permissions/bulk"): (link_bulk, (204, 400, 400, 400, 401)),
}  # fmt: skip


# Traccar routes (api/traccar/): a refusal is 400, as Traccar answers -------------------
DAY = {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
OBJECTS = {
    "geofences": {"name": "G", "area": "CIRCLE (54.6872 25.2797, 50)"},
    "groups": {"name": "Fleet"},
    "drivers": {"name": "D", "uniqueId": "RFID"},
    "maintenance": {"name": "Oil", "type": "totalDistance", "start": 0, "period": 1000},
    "calendars": {"name": "C", "data": ""},
    "notifications": {"type": "alarm", "notificators": "web"},
    "commands": {"type": "custom", "description": "Ping", "attributes": {"data": "x"}},
    "attributes/computed": {"attribute": "ignition", "expression": "io1 == 1", "type": "boolean"},
}


def body_of(kind: str) -> dict[str, Any]:
    """A new object of ``kind`` (drivers' uniqueId is unique)."""
    extra = {"uniqueId": f"RFID-{next(_n)}"} if kind == "drivers" else {}
    return {**OBJECTS[kind], **extra}


def new_device(w: World, role: str) -> tuple[str, None, None, None]:
    """A device of the administrator's, linked to owner and viewer (each call a new one)."""
    r = w.client.request("POST", "/api/devices",
                         json={"name": "M", "uniqueId": f"matrix-{next(_n)}"})  # fmt: skip
    assert r.status_code == 200, r.text
    did = int(r.json()["id"])
    for who in ("owner", "viewer"):
        w.client.request("POST", "/api/permissions", json={"userId": w.users[who], "deviceId": did})
    return f"/api/devices/{did}", None, None, None


def new_object(kind: str) -> Call:
    def call(w: World, role: str) -> tuple[str, None, Any, None]:
        r = w.client.request("POST", f"/api/{kind}", json=body_of(kind))
        assert r.status_code == 200, r.text
        return f"/api/{kind}/{r.json()['id']}", None, {**r.json()}, None

    return call


TRACCAR_RULES: dict[tuple[str, str], tuple[Call, tuple[int, ...]]] = {
    ("GET", "/api/server"): (plain("/api/server"), (200,) * 5),
    ("PUT", "/api/server"): (
        plain("/api/server", None, {"attributes": {"title": "Matrix"}}),
        (200, 400, 400, 400, 401),
    ),
    ("GET", "/api/devices"): (plain("/api/devices"), (200, 200, 200, 200, 401)),
    ("GET", "/api/devices/{device_id}"): (
        lambda w, r: (f"/api/devices/{w.device_id}", None, None, None),
        (200, 200, 400, 200, 401),
    ),
    ("POST", "/api/devices"): (
        lambda w, r: ("/api/devices", None, {"name": "N", "uniqueId": f"new-{next(_n)}"}, None),
        (200, 200, 200, 400, 401),
    ),
    ("PUT", "/api/devices/{device_id}"): (
        lambda w, r: (
            f"/api/devices/{w.device_id}",
            None,
            {"id": w.device_id, "name": "Renamed", "uniqueId": IMEI},
            None,
        ),
        (200, 200, 400, 400, 401),
    ),
    ("DELETE", "/api/devices/{device_id}"): (new_device, (204, 204, 400, 400, 401)),
    ("GET", "/api/positions"): (plain("/api/positions"), (200, 200, 200, 200, 401)),
    ("GET", "/api/positions/{fmt}"): (
        lambda w, r: ("/api/positions/gpx", {"deviceId": str(w.device_id), **DAY}, None, None),
        (200, 200, 400, 200, 401),
    ),
    ("GET", "/api/events/{event_id}"): (plain("/api/events/1"), (404, 404, 404, 404, 401)),
    ("GET", "/api/notifications/types"): (plain("/api/notifications/types"), (200,) * 4 + (401,)),
    ("GET", "/api/notifications/notificators"): (
        plain("/api/notifications/notificators"),
        (200,) * 4 + (401,),
    ),
    ("GET", "/api/commands/types"): (plain("/api/commands/types"), (200,) * 4 + (401,)),
    ("GET", "/api/commands/send"): (plain("/api/commands/send"), (200,) * 4 + (401,)),
    ("POST", "/api/commands/send"): (
        lambda w, r: (
            "/api/commands/send",
            None,
            {"deviceId": w.device_id, "type": "custom", "attributes": {"data": "x"}},
            None,
        ),
        (200, 200, 400, 400, 401),  # its device sent data just now: online, sent at once
    ),
}
for _kind in ("route", "events", "trips", "stops", "summary", "geofences", "combined"):
    for _suffix in ("", "/xlsx") if _kind != "combined" else ("",):
        _path = f"/api/reports/{_kind}{_suffix}"
        TRACCAR_RULES["GET", _path] = (
            (lambda p: lambda w, r: (p, {"deviceId": str(w.device_id), **DAY}, None, None))(_path),
            (200, 200, 400, 200, 401),
        )
for _kind in OBJECTS:
    TRACCAR_RULES["GET", f"/api/{_kind}"] = (plain(f"/api/{_kind}"), (200,) * 4 + (401,))
    TRACCAR_RULES["POST", f"/api/{_kind}"] = (
        (lambda k: lambda w, r: (f"/api/{k}", None, body_of(k), None))(_kind),
        (200, 200, 200, 400, 401),
    )
    for _m, _want in (
        ("GET", (200, 400, 400, 400, 401)),
        ("PUT", (200, 400, 400, 400, 401)),
        ("DELETE", (204, 400, 400, 400, 401)),
    ):
        TRACCAR_RULES[_m, f"/api/{_kind}/{{object_id:int}}"] = (
            (
                lambda k, m: (
                    lambda w, r: (lambda c: (c[0], None, c[2] if m == "PUT" else None, None))(
                        new_object(k)(w, r)
                    )
                )
            )(_kind, _m),
            _want,
        )
RULES.update(TRACCAR_RULES)


def routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, included routers flattened."""

    def walk(items: list[Any], prefix: str) -> Iterator[tuple[str, str]]:
        for route in items:
            ctx = getattr(route, "include_context", None)
            if ctx is not None:
                yield from walk(ctx.included_router.routes, prefix + ctx.prefix)
                continue
            for method in sorted(getattr(route, "methods", None) or ()):
                if method != "HEAD":
                    yield method, prefix + route.path

    yield from walk(list(app.routes), "")


@pytest.fixture
def world(client: Client, api_settings: Settings) -> World:
    passwords = {r: f"{r} password" for r in ("owner", "stranger", "viewer")}
    users = {
        "owner": add_user(api_settings, "owner@x.org", passwords["owner"]),
        "stranger": add_user(api_settings, "stranger@x.org", passwords["stranger"]),
        "viewer": add_user(api_settings, "viewer@x.org", passwords["viewer"], readonly=True),
        "spare": add_user(api_settings, "spare@x.org", "pw"),
    }
    users["admin"] = next(u["id"] for u in client.get("/api/users").json()
                          if u["email"] == ADMIN[0])  # fmt: skip
    device_id = int(client.get("/api/devices").json()[0]["id"])
    for role in ("owner", "viewer"):
        r = client.request("POST", "/api/permissions",
                           json={"userId": users[role], "deviceId": device_id})  # fmt: skip
        assert r.status_code == 204
    clients = {"admin": client, "anonymous": client.as_(None)}
    for role, pw in passwords.items():
        clients[role] = client.as_(basic(f"{role}@x.org", pw))
    passwords["admin"] = ADMIN[1]
    return World(client, clients, device_id, users, passwords)


def test_every_route_has_a_rule(api_settings: Settings) -> None:
    from fleetwire.api.app import create_app

    found = set(routes(create_app(api_settings)))
    assert found - set(RULES) == set(), "routes without an access rule in RULES"
    assert set(RULES) - found == set(), "rules of routes that no longer exist"


def test_permission_matrix(world: World) -> None:
    failures = []
    for (method, _), (call, expected) in RULES.items():
        for role, want in zip(ROLES, expected, strict=True):
            path, params, json, form = call(world, role)
            r = world.clients[role].request(method, path, params, json=json, form=form)
            if r.status_code != want:
                failures.append(f"{method} {path} as {role}: {r.status_code}, want {want}")
    assert failures == []


def test_lists_show_only_what_the_caller_may_see(world: World) -> None:
    world.command()
    world.campaign()
    count = {role: {} for role in ROLES[:4]}  # type: dict[str, dict[str, int]]
    for role in count:
        c = world.clients[role]
        for path in (
            "/api/devices",
            "/api/fleetwire/positions/latest",
            "/api/commands/queue",
            "/api/campaigns",
        ):
            count[role][path] = len(c.get(path).json())
    for path in (
        "/api/devices",
        "/api/fleetwire/positions/latest",
        "/api/commands/queue",
        "/api/campaigns",
    ):
        assert count["admin"][path] == count["owner"][path] == count["viewer"][path] >= 1, path
        assert count["stranger"][path] == 0, path
    assert [u["email"] for u in world.clients["stranger"].get("/api/users").json()] == [
        "stranger@x.org"
    ]
