"""/api/server and /api/devices: shapes, filters, access, CRUD (digest §2.2, §3.1, §3.9)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from fleetwire.api.app import create_app
from tests.api.traccar.conftest import ADMIN, ALICE, BOB, READER, T0_MS, UID_A, UID_B, Api, pos_row
from tests.conftest import make_settings

DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")


def test_server_is_public_and_attributes_is_an_object(api: Api) -> None:
    r = api.get("/api/server", user=None)
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == 1 and body["attributes"] == {} and isinstance(body["version"], str)
    assert body["newServer"] is False  # users exist
    assert body["storageSpace"] is None
    assert api.get("/api/server").json()["storageSpace"][1] > 0  # the administrator sees it


def test_device_json_has_traccars_keys_and_zero_foreign_keys(api: Api) -> None:
    r = api.get("/api/devices")
    assert r.status_code == 200, r.text
    devices = r.json()
    assert [d["uniqueId"] for d in devices] == [UID_A, UID_B]  # by name: "3563…" < "Truck B"
    d = devices[0]
    assert list(d) == ["id", "attributes", "groupId", "calendarId", "name", "uniqueId", "status",
                       "lastUpdate", "positionId", "phone", "model", "contact", "category",
                       "disabled", "expirationTime"]  # fmt: skip
    assert d["groupId"] == 0 and d["positionId"] == 0 and d["calendarId"] == 0
    assert d["status"] == "offline" and d["lastUpdate"] is None and d["attributes"] == {}


def test_device_status_and_last_update_follow_the_latest_position(api: Api) -> None:
    from fleetwire.api.traccar.convert import now_ms

    now = now_ms()
    api.write_positions([pos_row(api.ids["A"], now - 1000, server_ms=now - 900),
                         pos_row(api.ids["B"], T0_MS)])  # fmt: skip
    by_uid = {d["uniqueId"]: d for d in api.get("/api/devices").json()}
    assert by_uid[UID_A]["status"] == "online"
    assert DATE.match(by_uid[UID_A]["lastUpdate"])
    assert by_uid[UID_A]["positionId"] > 0
    assert by_uid[UID_B]["status"] == "unknown"  # its last data is old
    latest = api.get("/api/positions", params={"deviceId": api.ids["A"]}).json()
    assert [p["id"] for p in latest] == [by_uid[UID_A]["positionId"]]


def test_users_see_only_their_devices(api: Api) -> None:
    assert [d["uniqueId"] for d in api.get("/api/devices", user=ALICE).json()] == [UID_A]
    assert api.get("/api/devices", user=BOB).json() == []
    assert api.get(f"/api/devices/{api.ids['B']}", user=ALICE).status_code == 400  # not 403
    assert api.get("/api/devices/999").status_code == 404
    assert api.get("/api/devices", user=ALICE, params={"all": "true"}).status_code == 400
    assert len(api.get("/api/devices", params={"all": "true"}).json()) == 2
    assert api.get("/api/devices", user=None).status_code == 401


def test_device_filters(api: Api) -> None:
    one = api.get("/api/devices", params={"uniqueId": UID_B}).json()
    assert [d["name"] for d in one] == ["Truck B"]
    both = api.get("/api/devices", params=[("id", api.ids["A"]), ("id", api.ids["B"])]).json()
    assert len(both) == 2
    assert [d["uniqueId"] for d in api.get("/api/devices", params={"keyword": "truck"}).json()] == [
        UID_B
    ]
    assert len(api.get("/api/devices", params={"limit": 1, "offset": 1}).json()) == 1
    mine = api.get("/api/devices", params={"userId": ALICE.id}).json()
    assert [d["uniqueId"] for d in mine] == [UID_A]


def test_create_links_the_creator_and_put_replaces_by_body_id(api: Api) -> None:
    body = {"name": "Van", "uniqueId": "111", "attributes": {"speedLimit": 50}, "category": "van"}
    r = api.post("/api/devices", body, user=ALICE)
    assert r.status_code == 200
    dev = r.json()
    assert dev["id"] > 0 and dev["attributes"] == {"speedLimit": 50} and dev["status"] == "offline"
    assert {d["uniqueId"] for d in api.get("/api/devices", user=ALICE).json()} == {UID_A, "111"}
    # full replace: a field left out is cleared; status/lastUpdate in the body are ignored
    changed = {**dev, "category": None, "phone": "+370", "attributes": {}, "status": "online"}
    put = api.put(f"/api/devices/{dev['id']}", changed, user=ALICE)
    assert put.status_code == 200
    assert put.json()["phone"] == "+370" and put.json()["category"] is None
    assert put.json()["status"] == "offline"
    # the body's id wins over the path's, so it must be one the user may change
    other = api.put(f"/api/devices/{dev['id']}", {**dev, "id": api.ids["B"]}, user=ALICE)
    assert other.status_code == 400
    assert api.post("/api/devices", {"name": "Dup", "uniqueId": "111"}).status_code == 400
    assert api.post("/api/devices", {"name": "No uid"}).status_code == 400
    assert api.delete(f"/api/devices/{dev['id']}", user=ALICE).status_code == 204
    assert api.get(f"/api/devices/{dev['id']}").status_code == 404


def test_readonly_users_cannot_write(api: Api) -> None:
    assert (
        api.post("/api/devices", {"name": "x", "uniqueId": "222"}, user=READER).status_code == 400
    )
    assert api.delete(f"/api/devices/{api.ids['A']}", user=READER).status_code == 400
    assert api.get("/api/devices", user=READER).status_code == 200
    assert api.delete(f"/api/devices/{api.ids['B']}", user=ALICE).status_code == 400
    assert api.get("/api/devices", user=ADMIN).status_code == 200


def test_new_server_while_no_user_exists(data_dir: Path) -> None:
    """Gotcha 11: unauthenticated GET /api/server says newServer while there are no users
    (traccar-web then shows its registration page)."""
    with TestClient(create_app(make_settings(data_dir))) as client:
        body = client.get("/api/server").json()
    assert body["newServer"] is True and body["storageSpace"] is None


def test_openapi_lists_traccar_and_fleetwire_routes(api: Api) -> None:
    paths = set(api.get("/openapi.json", user=None).json()["paths"])
    want = {"/api/server", "/api/devices", "/api/devices/{device_id}", "/api/positions",
            "/api/reports/route", "/api/reports/route/xlsx", "/api/geofences",
            "/api/commands/send", "/api/commands/types", "/api/notifications/types",
            "/api/events/{event_id}", "/api/fleetwire/devices", "/api/fleetwire/positions",
            "/api/fleetwire/positions/latest", "/api/commands/queue", "/api/raw"}  # fmt: skip
    assert want <= paths
