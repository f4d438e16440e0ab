"""Two-factor login, Traccar's way (traccar-api.md §1), through real HTTP: POST users/totp
makes a secret, a user stores it as `totpKey`; then a password login without `code` is 401
with `WWW-Authenticate: TOTP`, a wrong code 400, the right one a session; Basic is refused."""

from __future__ import annotations

import time

from fleetwire.config import Settings
from fleetwire.store import totp
from tests.api.conftest import Client, add_user, basic


def test_totp_login(client: Client, api_settings: Settings) -> None:
    uid = add_user(api_settings, "two@x.org", "pw")
    me = client.as_(basic("two@x.org", "pw"))
    r = client.as_(None).request("POST", "/api/users/totp")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    secret = r.text
    assert totp.valid_secret(secret)
    body = me.get(f"/api/users/{uid}").json()
    assert body["totpKey"] is None
    bad = me.request("PUT", f"/api/users/{uid}", json={**body, "totpKey": "not base32!"})
    assert bad.status_code == 400
    r = me.request("PUT", f"/api/users/{uid}", json={**body, "totpKey": secret})
    assert r.status_code == 200 and r.json()["totpKey"] == secret

    login = client.as_(None)
    form = {"email": "two@x.org", "password": "pw"}
    r = login.request("POST", "/api/session", form=form)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "TOTP"
    wrong = totp.code_at(secret, time.time() + 3600)
    assert login.request("POST", "/api/session", form={**form, "code": wrong}).status_code == 400
    assert login.get("/api/session").status_code == 404  # no session from either
    r = login.request(
        "POST", "/api/session", form={**form, "code": totp.code_at(secret, time.time())}
    )
    assert r.status_code == 200 and r.json()["id"] == uid
    assert login.get("/api/session").json()["id"] == uid  # the cookie works
    # Basic carries no code: refused now, as in Traccar
    assert client.as_(basic("two@x.org", "pw")).get("/api/devices").status_code == 401
    # a wrong password still says nothing about the second factor
    r = client.as_(None).request("POST", "/api/session", form={**form, "password": "nope"})
    assert r.status_code == 401 and "WWW-Authenticate" not in r.headers
    # the user turns it off again (a session, since Basic is refused)
    off = login.request("PUT", f"/api/users/{uid}", json={**body, "totpKey": None})
    assert off.status_code == 200 and off.json()["totpKey"] is None
    assert client.as_(basic("two@x.org", "pw")).get("/api/devices").status_code == 200
