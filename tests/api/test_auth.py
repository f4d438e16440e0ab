"""Logging in, Traccar's way (traccar-api.md §1 and §7): session cookie, tokens, Basic, the
first registration, rate limits; users and permissions over HTTP."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import Request

from fleetwire.api.app import create_app
from fleetwire.api.auth import connection_user
from fleetwire.config import Settings
from tests.api.conftest import ADMIN, Client, add_user, basic, serve
from tests.conftest import make_settings
from tests.worker.test_worker import IMEI


@pytest.fixture
def fresh(data_dir: Path) -> Iterator[Client]:
    """A new server: no user, no device."""
    yield from (Client(base) for base in serve(make_settings(data_dir)))


def login(c: Client, email: str, password: str, origin: str | None = None) -> int:
    headers = {"Origin": origin} if origin else {}
    r = c.request("POST", "/api/session", form={"email": email, "password": password},
                  headers=headers)  # fmt: skip
    return r.status_code


def cookie(c: Client) -> str | None:
    return next((k.value for k in c.cookies if k.name == "JSESSIONID"), None)


def test_first_registration_makes_the_administrator(fresh: Client) -> None:
    assert fresh.get("/api/session").status_code == 404  # not 401: Traccar's "no session"
    r = fresh.request("POST", "/api/users",
                      json={"name": "Ann", "email": "ann@x.org", "password": "pw1"})  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["administrator"] is True and r.json()["password"] is None
    again = fresh.request("POST", "/api/users", json={"email": "bo@x.org", "password": "pw"})
    assert again.status_code == 400 and "Registration disabled" in again.text
    sneaky = fresh.request(
        "POST", "/api/users", json={"email": "eve@x.org", "password": "p", "administrator": True}
    )
    assert sneaky.status_code == 400
    assert login(fresh, "ANN@x.org", "pw1") == 200


def test_session_cookie_rotation_logout_and_status_codes(client: Client) -> None:
    c = client.as_(None)
    bad = c.request("POST", "/api/session", form={"email": ADMIN[0], "password": "wrong"})
    assert bad.status_code == 401 and bad.content == b""
    r = c.request("POST", "/api/session", form={"email": ADMIN[0], "password": ADMIN[1]})
    assert r.status_code == 200 and r.json()["email"] == ADMIN[0]
    set_cookie = r.headers["set-cookie"]
    assert "JSESSIONID=" in set_cookie and "Path=/" in set_cookie and "HttpOnly" in set_cookie
    first = cookie(c)
    assert c.get("/api/session").json()["email"] == ADMIN[0]
    assert c.get("/api/devices").status_code == 200
    assert login(c, *ADMIN) == 200
    second = cookie(c)
    assert first and second and first != second  # a fresh id at every login
    stale = client.as_(None)
    stale.request("GET", "/api/session", headers={"Cookie": f"JSESSIONID={first}"})
    assert (
        stale.request("GET", "/api/session", headers={"Cookie": f"JSESSIONID={first}"}).status_code
        == 404
    )  # the old id ended at the new login
    assert c.request("DELETE", "/api/session").status_code == 204
    assert c.get("/api/session").status_code == 404
    assert c.request("DELETE", "/api/session").status_code == 401
    assert c.request("POST", "/api/session", form={"email": ADMIN[0]}).status_code == 422


def test_session_is_bound_to_the_login_origin(client: Client) -> None:
    c = client.as_(None)
    assert login(c, *ADMIN, origin="https://fleet.example") == 200
    assert c.request("GET", "/api/session", headers={"Origin": "https://fleet.example"}
                     ).status_code == 200  # fmt: skip
    assert c.get("/api/session").status_code == 200  # no Origin: not a cross-site request
    assert c.request("GET", "/api/session", headers={"Origin": "https://evil.example"}
                     ).status_code == 404  # fmt: skip
    assert c.request("GET", "/api/devices", headers={"Origin": "https://evil.example"}
                     ).status_code == 401  # fmt: skip


def test_tokens_bearer_and_token_login(client: Client) -> None:
    r = client.request("POST", "/api/session/token")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    token = r.text
    bearer = client.as_(f"Bearer {token}")
    assert [d["uniqueId"] for d in bearer.get("/api/devices").json()] == [IMEI]
    via_query = client.as_(None)
    got = via_query.get("/api/session", {"token": token})
    assert got.status_code == 200 and got.json()["email"] == ADMIN[0] and cookie(via_query)
    assert via_query.get("/api/devices").status_code == 200  # the cookie it set works
    assert client.as_(None).get("/api/session", {"token": token + "x"}).status_code == 401
    assert client.as_("Bearer nonsense").get("/api/devices").status_code == 401
    past = client.request("POST", "/api/session/token", form={"expiration": "2000-01-01T00:00Z"})
    assert past.status_code == 400
    short = client.request(
        "POST", "/api/session/token", form={"expiration": "2100-01-01T00:00:00.000+00:00"}
    )
    assert short.status_code == 200
    revoke = client.request("POST", "/api/session/token/revoke", form={"token": token})
    assert revoke.status_code == 204
    assert bearer.get("/api/devices").status_code == 401
    assert via_query.get("/api/devices").status_code == 401  # its session ended with it


def test_basic_auth(client: Client) -> None:
    assert client.as_(basic(ADMIN[0], "wrong")).get("/api/devices").status_code == 401
    assert client.as_(basic(ADMIN[0].upper(), ADMIN[1])).get("/api/devices").status_code == 200
    assert client.as_("Basic !!!").get("/api/devices").status_code == 401
    assert client.as_(None).get("/api/devices").status_code == 401
    assert client.as_(basic(ADMIN[0], "wrong")).get("/api/health").status_code == 200  # public


def test_failed_logins_are_limited_logged_and_counted(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings: Settings = make_settings(data_dir)
    settings.api.login_max_per_account = 3
    add_user(settings, *ADMIN, administrator=True)
    add_user(settings, "other@x.org", "pw")
    with caplog.at_level(logging.WARNING, logger="api"):
        for base in serve(settings):
            c = Client(base)
            assert [login(c, ADMIN[0], f"guess{i}") for i in range(3)] == [401, 401, 401]
            locked = c.request("POST", "/api/session",
                               form={"email": ADMIN[0], "password": ADMIN[1]})  # fmt: skip
            assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
            assert c.as_(basic(*ADMIN)).get("/api/devices").status_code == 429  # Basic too
            assert c.as_(basic(*ADMIN)).get("/api/health").status_code == 200  # public
            assert login(c, "other@x.org", "pw") == 200  # another account is not locked
            # /metrics: open to this host; from elsewhere (here: a proxy on this host says who)
            # only to administrators
            remote = {"X-Forwarded-For": "203.0.113.9"}
            assert c.get("/metrics").status_code == 200
            assert c.as_(None).request("GET", "/metrics", headers=remote).status_code == 401
            other = c.as_(basic("other@x.org", "pw"))
            assert other.request("GET", "/metrics", headers=remote).status_code == 400
    lines = [r.getMessage() for r in caplog.records if "login_failed" in r.getMessage()]
    assert len(lines) == 3 and all("peer=127.0.0.1" in x and ADMIN[0] in x for x in lines)
    assert any("login_rate_limited" in r.getMessage() for r in caplog.records)


def test_failed_login_metric(client: Client) -> None:
    login(client.as_(None), ADMIN[0], "wrong")
    text = client.request("GET", "/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).text
    name = 'fleetwire_api_login_failures_total{reason="bad_credentials"}'
    line = next(x for x in text.splitlines() if x.startswith(name))
    assert float(line.split()[-1]) >= 1


def test_disabled_and_expired_users(client: Client, api_settings: Settings) -> None:
    add_user(api_settings, "gone@x.org", "pw", disabled=True)
    add_user(api_settings, "old@x.org", "pw", expiration_time=1000)
    c = client.as_(None)
    assert login(c, "gone@x.org", "pw") == 400
    assert login(c, "old@x.org", "pw") == 400
    assert client.as_(basic("gone@x.org", "pw")).get("/api/devices").status_code == 401


def test_users_crud_and_restricted_fields(client: Client) -> None:
    made = client.request("POST", "/api/users",
                          json={"name": "Bo", "email": "bo@x.org", "password": "pw"})  # fmt: skip
    assert made.status_code == 200
    bo = made.json()
    as_bo = client.as_(basic("bo@x.org", "pw"))
    assert [u["email"] for u in as_bo.get("/api/users").json()] == ["bo@x.org"]
    assert {u["email"] for u in client.get("/api/users").json()} == {ADMIN[0], "bo@x.org"}
    escalate = as_bo.request("PUT", f"/api/users/{bo['id']}",
                             json={**bo, "administrator": True})  # fmt: skip
    assert escalate.status_code == 400
    renamed = as_bo.request("PUT", f"/api/users/{bo['id']}", json={**bo, "name": "Bob"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Bob"
    admin_id = next(u["id"] for u in client.get("/api/users").json() if u["email"] == ADMIN[0])
    assert as_bo.get(f"/api/users/{admin_id}").status_code == 400
    assert as_bo.request("POST", "/api/users", json={"email": "z@x.org", "password": "p"}
                         ).status_code == 400  # fmt: skip
    assert (
        client.request(
            "PUT", f"/api/users/{bo['id']}", json={**bo, "readonly": True, "password": "new"}
        ).status_code
        == 200
    )
    assert as_bo.get("/api/users").status_code == 401  # the password changed
    assert client.request("DELETE", f"/api/users/{bo['id']}").status_code == 204
    assert client.get(f"/api/users/{bo['id']}").status_code == 404


def test_permissions_link_devices_to_users(client: Client, api_settings: Settings) -> None:
    uid = add_user(api_settings, "bo@x.org", "pw")
    as_bo = client.as_(basic("bo@x.org", "pw"))
    dev = client.get("/api/devices").json()[0]["id"]
    assert as_bo.get("/api/devices").json() == []
    link = {"userId": uid, "deviceId": dev}
    assert as_bo.request("POST", "/api/permissions", json=link).status_code == 400
    assert client.request("POST", "/api/permissions", json=link).status_code == 204
    assert [d["id"] for d in as_bo.get("/api/devices").json()] == [dev]
    assert client.request("DELETE", "/api/permissions", json=link).status_code == 204
    assert as_bo.get("/api/devices").json() == []
    for bad in ({"deviceId": dev, "userId": uid}, {"userId": uid}, {"userId": uid, "x": 1},
                {"userId": uid, "deviceId": "7"}, [link]):  # fmt: skip
        assert client.request("POST", "/api/permissions", json=bad).status_code == 400, bad
    missing = {"userId": uid, "deviceId": 999999}
    assert client.request("POST", "/api/permissions", json=missing).status_code == 400
    assert client.request("POST", "/api/permissions/bulk", json=[link]).status_code == 204
    assert [d["id"] for d in as_bo.get("/api/devices").json()] == [dev]
    assert client.request("DELETE", "/api/permissions/bulk", json=[link]).status_code == 204


def test_connection_user_for_the_websocket(api_settings: Settings) -> None:
    """connection_user (what /api/socket uses): ?token= or the cookie, the Origin checked."""
    app = create_app(api_settings)

    @app.get("/whoami")
    async def whoami(request: Request) -> dict[str, str | None]:
        user = await connection_user(request)
        return {"email": user.email if user else None}

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=api_settings.api.port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        c = Client(f"http://127.0.0.1:{api_settings.api.port}")
        assert c.get("/whoami").json() == {"email": None}
        token = c.as_(basic(*ADMIN)).request("POST", "/api/session/token").text
        assert c.get("/whoami", {"token": token}).json() == {"email": ADMIN[0]}
        assert c.get("/whoami", {"token": "fwt_nope"}).json() == {"email": None}
        assert login(c, *ADMIN, origin="https://fleet.example") == 200
        same = c.request("GET", "/whoami", headers={"Origin": "https://fleet.example"})
        other = c.request("GET", "/whoami", headers={"Origin": "https://evil.example"})
        assert same.json() == {"email": ADMIN[0]} and other.json() == {"email": None}
    finally:
        server.should_exit = True
        thread.join(10)
