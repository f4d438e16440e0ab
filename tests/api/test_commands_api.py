"""The commands and campaigns API over HTTP, and `fleetwire command` against it."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import orjson

from tests.api.conftest import ADMIN, Client
from tests.worker.test_worker import IMEI


def post(c: Client, path: str, body: Any, method: str = "POST") -> tuple[int, Any]:
    r = c.request(method, path, json=body)
    return r.status_code, r.json()


def test_create_get_list_cancel(client: Client) -> None:
    status, cmd = post(client, "/api/commands/queue", {"device": IMEI, "type": "engineStop"})
    assert status == 201 and cmd["state"] == "queued" and cmd["type"] == "engineStop"
    assert client.get(f"/api/commands/queue/{cmd['id']}").json()["id"] == cmd["id"]
    assert [c["id"] for c in client.get("/api/commands/queue", {"device": IMEI}).json()] == [
        cmd["id"]
    ]
    status, cancelled = post(client, f"/api/commands/queue/{cmd['id']}", None, "DELETE")
    assert status == 200 and cancelled["state"] == "cancelled"
    status, again = post(client, f"/api/commands/queue/{cmd['id']}", None, "DELETE")
    assert status == 409 and "cancelled" in again["detail"]


def test_idempotency_key(client: Client) -> None:
    body = {"device": IMEI, "type": "requestInfo", "idempotencyKey": "k1"}
    s1, a = post(client, "/api/commands/queue", body)
    s2, b = post(client, "/api/commands/queue", body)
    assert (s1, s2) == (201, 200) and a["id"] == b["id"]
    s3, err = post(client, "/api/commands/queue", {**body, "type": "rebootDevice"})
    assert s3 == 409 and err["detail"]


def test_bad_commands_are_4xx(client: Client) -> None:
    cases = [
        ({"device": "nope", "type": "engineStop"}, 404),
        ({"device": IMEI, "type": "launchRocket"}, 400),
        ({"device": IMEI, "type": "custom"}, 400),  # custom needs attributes.data
        ({"device": IMEI, "type": "engineStop", "ttl": -1}, 422),
        ({"type": "engineStop"}, 422),
    ]
    for body, status in cases:
        got, err = post(client, "/api/commands/queue", body)
        assert got == status, (body, err)
        assert err["detail"]
    assert client.get("/api/commands/queue/999").status_code == 404
    assert client.get("/api/commands/queue", {"state": "bogus"}).status_code == 422


def test_campaign_create_get_stop(client: Client) -> None:
    status, camp = post(
        client, "/api/campaigns",
        {"type": "custom", "attributes": {"data": "getver"}, "devices": [IMEI], "batchSize": 1},
    )  # fmt: skip
    assert status == 201 and camp["state"] == "running"
    assert camp["devices"] == [{"uniqueId": IMEI, "commandId": None, "state": "pending"}]
    status, stopped = post(client, f"/api/campaigns/{camp['id']}/stop", {})
    assert status == 200 and stopped["state"] == "stopped"
    assert post(client, "/api/campaigns", {"type": "custom", "devices": []})[0] == 422


def test_command_cli(client: Client) -> None:
    env = dict(os.environ, FLEETWIRE_USER=ADMIN[0], FLEETWIRE_PASSWORD=ADMIN[1])

    def cli(*args: str, env: dict[str, str] = env) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "fleetwire", "command", *args, "--api", client.base],
            capture_output=True, timeout=60, check=False, env=env,
        )  # fmt: skip

    sent = cli("send", IMEI, "custom", "--data", "getver", "--ttl", "60")
    assert sent.returncode == 0, sent.stderr
    cmd = orjson.loads(sent.stdout)
    assert cmd["attributes"] == {"data": "getver"} and cmd["state"] == "queued"
    listed = cli("list", "--device", IMEI)
    assert listed.returncode == 0 and f"{cmd['id']:>6} queued" in listed.stdout.decode()
    assert cli("cancel", str(cmd["id"])).returncode == 0
    bad = cli("send", "no-such-device", "engineStop")
    assert bad.returncode != 0 and b"HTTP 404" in bad.stderr
    anonymous = cli("list", env={k: v for k, v in env.items() if not k.startswith("FLEETWIRE_")})
    assert anonymous.returncode != 0 and b"HTTP 401" in anonymous.stderr
