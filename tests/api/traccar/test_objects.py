"""Geofences (lat-lon WKT with CIRCLE), groups, drivers, maintenance, calendars,
notifications, the fixed type lists and commands (digest §2.5, §2.6, §3.4, §3.6-3.8, §7)."""

from __future__ import annotations

import pytest

from fleetwire.api.traccar import wkt
from tests.api.traccar.conftest import ADMIN, ALICE, BOB, READER, Api

# shapes as the digest (§3.4) gives them, W's "create geofence here" radius of 50 m
CIRCLE = "CIRCLE (48.8584 2.2945, 50)"
POLYGON = "POLYGON ((48.85 2.29, 48.86 2.29, 48.86 2.30, 48.85 2.29))"
LINE = "LINESTRING (48.85 2.29, 48.86 2.30)"


def test_wkt_is_lat_lon_and_circle_radius_is_metres() -> None:
    c = wkt.parse(CIRCLE)
    assert c.kind == "CIRCLE" and c.points == ((48.8584, 2.2945),) and c.radius == 50
    assert wkt.parse("circle(48.8584   2.2945,50.5)").radius == 50.5  # tolerant spacing
    assert wkt.parse(POLYGON).points[0] == (48.85, 2.29)
    assert wkt.parse(LINE).kind == "LINESTRING"
    # lon-lat by mistake: a latitude of 120 cannot be
    with pytest.raises(wkt.WktError, match="latitude"):
        wkt.parse("CIRCLE (120.5 48.8, 50)")


@pytest.mark.parametrize(
    "bad",
    ["", "POINT (1 2)", "CIRCLE (48.8 2.2)", "CIRCLE (48.8 2.2, -5)", "CIRCLE (48.8 2.2, x)",
     "POLYGON (48.85 2.29, 48.86 2.29, 48.86 2.30)", "POLYGON ((48.85 2.29, 48.86 2.29))",
     "LINESTRING (48.85 2.29)", "CIRCLE (48.8 2.2 7, 50)", "CIRCLE (nan 2.2, 50)",
     "POLYGON ((1 2, 3 4, 5 6), (7 8, 9 10, 11 12))"],
)  # fmt: skip
def test_bad_geofence_area_is_400(api: Api, bad: str) -> None:
    r = api.post("/api/geofences", {"name": "bad", "area": bad})
    assert r.status_code == 400 and r.text.startswith("area")  # short plain text, as Traccar


def test_geofence_crud_and_links(api: Api) -> None:
    r = api.post("/api/geofences", {"name": "Tower", "area": CIRCLE,
                                    "attributes": {"color": "#ff0000"}}, user=ALICE)  # fmt: skip
    assert r.status_code == 200
    g = r.json()
    assert list(g) == ["id", "attributes", "name", "description", "area", "calendarId"]
    assert g["calendarId"] == 0 and g["area"] == CIRCLE
    assert [x["name"] for x in api.get("/api/geofences", user=ALICE).json()] == ["Tower"]
    assert api.get("/api/geofences", user=BOB).json() == []
    assert api.get(f"/api/geofences/{g['id']}", user=BOB).status_code == 400
    put = api.put(f"/api/geofences/{g['id']}", {**g, "area": POLYGON, "attributes": {}},
                  user=ALICE)  # fmt: skip
    assert put.status_code == 200 and put.json()["area"] == POLYGON
    assert api.put(f"/api/geofences/{g['id']}", {**g, "area": "CIRCLE (1 2)"}).status_code == 400
    # connection filter: only geofences linked to the device directly
    assert api.get("/api/geofences", params={"deviceId": api.ids["A"]}).json() == []
    api.sql("INSERT INTO device_geofence (device_id, geofence_id) VALUES (?, ?)",
            api.ids["A"], g["id"])  # fmt: skip
    linked = api.get("/api/geofences", params={"deviceId": api.ids["A"]}, user=ALICE).json()
    assert [x["id"] for x in linked] == [g["id"]]
    assert api.delete(f"/api/geofences/{g['id']}", user=ALICE).status_code == 204
    assert api.get(f"/api/geofences/{g['id']}").status_code == 404


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("groups", {"name": "Fleet", "groupId": 0}),
        ("drivers", {"name": "Jonas", "uniqueId": "RFID-1"}),
        ("maintenance", {"name": "Oil", "type": "totalDistance", "start": 0, "period": 10000}),
        ("calendars", {"name": "Weekdays", "data": "QkVHSU46VkNBTEVOREFS"}),
        ("notifications", {"type": "alarm", "notificators": "web,mail", "always": True}),
        (
            "attributes/computed",
            {
                "description": "Ignition wire",
                "attribute": "ignition",
                "expression": "io1 == 1",
                "type": "boolean",
                "priority": -1,
            },
        ),
    ],
)
def test_simple_objects_crud(api: Api, path: str, body: dict[str, object]) -> None:
    assert api.get(f"/api/{path}", user=BOB).json() == []  # a list, never 404
    r = api.post(f"/api/{path}", body, user=ALICE)
    assert r.status_code == 200, r.text
    obj = r.json()
    assert obj["attributes"] == {} and all(obj[k] == v or v == 0 for k, v in body.items())
    assert [o["id"] for o in api.get(f"/api/{path}", user=ALICE).json()] == [obj["id"]]
    assert api.get(f"/api/{path}", user=BOB).json() == []
    assert api.post(f"/api/{path}", body, user=READER).status_code == 400
    assert api.put(f"/api/{path}/{obj['id']}", {**obj, "attributes": {"a": 1}},
                   user=ALICE).json()["attributes"] == {"a": 1}  # fmt: skip
    assert api.delete(f"/api/{path}/{obj['id']}", user=BOB).status_code == 400
    assert api.delete(f"/api/{path}/{obj['id']}", user=ALICE).status_code == 204
    assert api.get(f"/api/{path}", params={"all": "true"}, user=ALICE).status_code == 400
    assert api.get(f"/api/{path}", user=None).status_code == 401


def test_group_membership_grants_devices_of_nested_groups(api: Api) -> None:
    parent = api.post("/api/groups", {"name": "Region"}).json()
    child = api.post("/api/groups", {"name": "Depot", "groupId": parent["id"]}).json()
    b = api.get(f"/api/devices/{api.ids['B']}").json()
    assert api.put(f"/api/devices/{b['id']}", {**b, "groupId": child["id"]}).status_code == 200
    api.sql("INSERT INTO user_group (user_id, group_id) VALUES (?, ?)", BOB.id, parent["id"])
    assert [d["id"] for d in api.get("/api/devices", user=BOB).json()] == [b["id"]]
    assert {g["name"] for g in api.get("/api/groups", user=BOB).json()} == {"Region", "Depot"}
    rows = api.get(
        "/api/reports/summary",
        user=BOB,
        params={
            "groupId": parent["id"],
            "from": "2026-01-01T00:00:00Z",
            "to": "2027-01-01T00:00:00Z",
        },
    )
    assert rows.status_code == 200  # fmt: skip


def test_type_lists(api: Api) -> None:
    types = {t["type"] for t in api.get("/api/notifications/types", user=BOB).json()}
    assert {"deviceOnline", "geofenceEnter", "alarm", "ignitionOn"} <= types
    assert "textMessage" not in types
    every = [t["type"] for t in api.get("/api/commands/types", user=ALICE).json()]
    assert "custom" in every and "engineStop" in every
    mine = [t["type"] for t in api.get("/api/commands/types", user=ALICE,
                                       params={"deviceId": api.ids["A"]}).json()]  # fmt: skip
    assert "engineStop" in mine and set(mine) <= set(every)
    assert api.get("/api/commands/types", user=ALICE,
                   params={"deviceId": api.ids["B"]}).status_code == 400  # fmt: skip
    assert api.get("/api/commands/send", user=ALICE,
                   params={"deviceId": api.ids["A"]}).json() == []  # fmt: skip


def test_commands_send_queues_for_an_offline_device(api: Api) -> None:
    body = {"deviceId": api.ids["A"], "type": "custom", "attributes": {"data": "getver"}}
    r = api.post("/api/commands/send", body, user=ALICE)
    assert r.status_code == 202  # offline: queued until it connects
    cmd = r.json()
    assert cmd["deviceId"] == api.ids["A"] and cmd["type"] == "custom" and cmd["id"] > 0
    queued = api.get(f"/api/commands/queue/{cmd['id']}", user=ADMIN).json()
    assert queued["state"] == "queued" and queued["attributes"] == {"data": "getver"}
    assert api.post("/api/commands/send", {**body, "deviceId": api.ids["B"]},
                    user=ALICE).status_code == 400  # fmt: skip
    assert api.post("/api/commands/send", {**body, "type": "warpDrive"}).status_code == 400
    assert api.post("/api/commands/send", {**body, "attributes": {}}).status_code == 400
    assert api.post("/api/commands/send", {**body, "attributes": {"data": "x", "noQueue": True}}
                    ).status_code == 400  # fmt: skip
    assert api.post("/api/commands/send", body, user=READER).status_code == 400
