"""Traccar's saved commands (/api/commands CRUD, GET commands/send?deviceId, POST commands/send
by id) and PUT /api/server, through real HTTP against the app over real SQLite stores
(traccar-api.md §2.1, §2.5, §3.7, §3.9)."""

from __future__ import annotations

from typing import Any

from fleetwire.config import Settings
from tests.api.conftest import Client, add_user, basic
from tests.worker.test_worker import IMEI

PING = {"type": "custom", "description": "Ping", "attributes": {"data": "getver"}}


def _link(admin: Client, **pair: int) -> None:
    r = admin.request("POST", "/api/permissions", json=pair)
    assert r.status_code == 204, r.text


def _device_id(admin: Client) -> int:
    return int(admin.get("/api/devices").json()[0]["id"])


def _queue(admin: Client) -> list[dict[str, Any]]:
    return admin.get("/api/commands/queue", {"device": IMEI}).json()  # type: ignore[no-any-return]


def test_saved_command_crud(client: Client) -> None:
    r = client.request("POST", "/api/commands", json=PING)
    assert r.status_code == 200, r.text
    saved = r.json()
    assert saved["deviceId"] == 0 and saved["textChannel"] is False  # 0, not null (§0)
    assert {k: saved[k] for k in PING} == PING
    zzz = client.request("POST", "/api/commands", json={"type": "engineStop", "description": "Z"})
    assert [c["description"] for c in client.get("/api/commands").json()] == ["Ping", "Z"]
    changed = {**saved, "description": "Ping twice", "textChannel": True}
    r = client.request("PUT", f"/api/commands/{saved['id']}", json=changed)
    assert r.status_code == 200 and r.json() == changed
    assert client.get(f"/api/commands/{saved['id']}").json() == changed
    r = client.request("POST", "/api/commands", json={"type": "makeCoffee"})
    assert r.status_code == 400 and "makeCoffee" in r.text
    assert client.request("POST", "/api/commands", json={"description": "x"}).status_code == 400
    assert client.request("DELETE", f"/api/commands/{zzz.json()['id']}").status_code == 204
    assert client.get(f"/api/commands/{zzz.json()['id']}").status_code == 404
    # Fleetwire's own queue keeps its path beside the saved commands' /{id}
    assert client.get("/api/commands/queue", {"device": IMEI}).status_code == 200


def test_saved_commands_for_a_device_and_send_by_id(client: Client, api_settings: Settings) -> None:
    device = _device_id(client)
    owner_id = add_user(api_settings, "owner@x.org", "pw")
    add_user(api_settings, "stranger@x.org", "pw")
    owner, stranger = (
        client.as_(basic("owner@x.org", "pw")),
        client.as_(basic("stranger@x.org", "pw")),
    )
    _link(client, userId=owner_id, deviceId=device)
    ping = client.request("POST", "/api/commands", json=PING).json()
    b = {"type": "custom", "description": "B", "attributes": {"data": "b"}}
    other = client.request("POST", "/api/commands", json=b).json()
    # the user's saved commands linked to the device: none until both links exist
    assert owner.get("/api/commands/send", {"deviceId": str(device)}).json() == []
    _link(client, userId=owner_id, commandId=ping["id"])
    assert owner.get("/api/commands/send", {"deviceId": str(device)}).json() == []
    _link(client, deviceId=device, commandId=ping["id"])
    _link(client, userId=owner_id, commandId=other["id"])  # the user's, not the device's
    got = owner.get("/api/commands/send", {"deviceId": str(device)}).json()
    assert [c["id"] for c in got] == [ping["id"]]
    # a group link covers the group's devices
    group = client.request("POST", "/api/groups", json={"name": "Fleet"}).json()
    dev = client.get(f"/api/devices/{device}").json()
    client.request("PUT", f"/api/devices/{device}", json={**dev, "groupId": group["id"]})
    _link(client, groupId=group["id"], commandId=other["id"])
    got = owner.get("/api/commands/send", {"deviceId": str(device)}).json()
    assert [c["id"] for c in got] == [other["id"], ping["id"]]  # by description: "B", "Ping"
    # sending by id queues the saved type and attributes for the device
    before = len(_queue(client))
    r = owner.request("POST", "/api/commands/send", json={"id": ping["id"], "deviceId": device})
    assert r.status_code in (200, 202), r.text
    assert r.json()["type"] == "custom" and r.json()["attributes"] == {"data": "getver"}
    queued = _queue(client)
    assert len(queued) == before + 1
    assert any(c["type"] == "custom" and c["attributes"] == {"data": "getver"} for c in queued)
    # someone else's saved command, or an unknown one, is not sent
    r = stranger.request("POST", "/api/commands/send", json={"id": ping["id"], "deviceId": device})
    assert r.status_code == 400
    r = client.request("POST", "/api/commands/send", json={"id": 99_999, "deviceId": device})
    assert r.status_code == 404
    assert len(_queue(client)) == before + 1


def test_limit_commands_users_send_saved_commands_only(
    client: Client, api_settings: Settings
) -> None:
    device = _device_id(client)
    uid = add_user(api_settings, "limited@x.org", "pw", limit_commands=True)
    limited = client.as_(basic("limited@x.org", "pw"))
    _link(client, userId=uid, deviceId=device)
    ping = client.request("POST", "/api/commands", json=PING).json()
    _link(client, userId=uid, commandId=ping["id"])
    typed = {"deviceId": device, "type": "custom", "attributes": {"data": "x"}}
    assert limited.request("POST", "/api/commands/send", json=typed).status_code == 400
    r = limited.request("POST", "/api/commands/send", json={"id": ping["id"], "deviceId": device})
    assert r.status_code in (200, 202), r.text


def test_put_server(client: Client, api_settings: Settings) -> None:
    anonymous = client.as_(None)
    assert (
        anonymous.request(
            "POST", "/api/users", json={"name": "N", "email": "n@x.org", "password": "pw"}
        ).status_code
        == 400
    )  # registration off by default
    body = client.get("/api/server").json()
    body.update(registration=True, mapUrl="https://tiles.example/{z}/{x}/{y}.png", zoom=5,
                latitude=54.68, attributes={"title": "Fleet"}, version="0.0.1")  # fmt: skip
    r = client.request("PUT", "/api/server", json=body)
    assert r.status_code == 200, r.text
    got = anonymous.get("/api/server").json()
    assert got["mapUrl"] == "https://tiles.example/{z}/{x}/{y}.png" and got["zoom"] == 5
    assert got["attributes"] == {"title": "Fleet"} and got["latitude"] == 54.68
    assert got["version"] != "0.0.1" and got["storageSpace"] is None  # computed, not written
    assert (
        anonymous.request(
            "POST", "/api/users", json={"name": "N", "email": "n@x.org", "password": "pw"}
        ).status_code
        == 200
    )  # registration as the administrator set it
    # only administrators; bad values and unenforced server-wide restrictions are refused
    add_user(api_settings, "user@x.org", "pw")
    user = client.as_(basic("user@x.org", "pw"))
    assert user.request("PUT", "/api/server", json=body).status_code == 400
    assert anonymous.request("PUT", "/api/server", json=body).status_code == 401
    for bad in ({"zoom": "five"}, {"registration": 1}, {"latitude": True}, {"attributes": []},
                {"readonly": True}):  # fmt: skip
        r = client.request("PUT", "/api/server", json={**body, **bad})
        assert r.status_code == 400, (bad, r.text)
    assert client.get("/api/server").json()["zoom"] == 5  # nothing refused was stored
