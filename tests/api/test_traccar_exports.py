"""GET /api/positions/{csv,gpx,kml,kmz}, `geofenceId` on positions, /api/reports/geofences and
/api/reports/combined through real HTTP, over positions the real worker stored (three
Teltonika records a second apart from tests.worker's T0) and derived rows written to the same
store (traccar-api.md §2.3, §2.4)."""

from __future__ import annotations

import asyncio
import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import orjson
import pytest

from fleetwire.api.traccar import derived
from fleetwire.api.traccar.telemetry import open_telemetry
from fleetwire.config import Settings
from fleetwire.store.telemetry import SqliteTelemetry
from tests.api.conftest import Client, add_user, basic
from tests.api.traccar.conftest import pos_row
from tests.worker.test_worker import T0

DAY = {"from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z"}
T0_MS = int(T0.timestamp() * 1000)
GPX = "{http://www.topografix.com/GPX/1/1}"
KML = "{http://www.opengis.net/kml/2.2}"


def _device(client: Client) -> dict[str, Any]:
    return client.get("/api/devices").json()[0]  # type: ignore[no-any-return]


def _insert(settings: Settings, table: str, rows: list[dict[str, Any]]) -> None:
    async def go() -> None:
        engine = open_telemetry(settings)
        try:
            await derived.insert(engine, table, rows)
        finally:
            await engine.dispose()

    asyncio.run(go())


def test_exports(client: Client) -> None:
    dev = _device(client)
    params = {"deviceId": str(dev["id"]), **DAY}
    positions = client.get("/api/positions", params).json()
    assert len(positions) == 3
    r = client.get("/api/positions/csv", params)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert r.headers["Content-Disposition"] == "attachment; filename=positions.csv"
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(row["id"]) for row in table] == [p["id"] for p in positions]
    assert float(table[0]["speed"]) == pytest.approx(positions[0]["speed"])  # knots
    assert table[0]["fixTime"] == positions[0]["fixTime"]
    assert orjson.loads(table[0]["attributes"]) == positions[0]["attributes"]

    gpx = ET.fromstring(client.get("/api/positions/gpx", params).content)
    points = gpx.findall(f"{GPX}trk/{GPX}trkseg/{GPX}trkpt")
    assert [(float(p.get("lat", "")), float(p.get("lon", ""))) for p in points] == [
        (q["latitude"], q["longitude"]) for q in positions
    ]
    assert points[0].findtext(f"{GPX}time") == positions[0]["fixTime"].replace("+00:00", "Z")
    assert gpx.findtext(f"{GPX}trk/{GPX}name") == dev["name"]

    kml = client.get("/api/positions/kml", params)
    assert kml.headers["Content-Type"] == "application/vnd.google-earth.kml+xml"
    coords = ET.fromstring(kml.content).findtext(f".//{KML}coordinates") or ""
    first = [float(x) for x in coords.split()[0].split(",")]
    assert first[:2] == [positions[0]["longitude"], positions[0]["latitude"]]  # lon,lat in KML
    kmz = client.get("/api/positions/kmz", params)
    assert zipfile.ZipFile(io.BytesIO(kmz.content)).read("doc.kml") == kml.content

    assert client.get("/api/positions/pdf", params).status_code == 400  # no such format
    assert client.get("/api/positions/csv", {"deviceId": str(dev["id"])}).status_code == 400


def test_exports_and_reports_check_access(client: Client, api_settings: Settings) -> None:
    dev = _device(client)
    add_user(api_settings, "stranger@x.org", "pw")
    stranger = client.as_(basic("stranger@x.org", "pw"))
    params = {"deviceId": str(dev["id"]), **DAY}
    assert stranger.get("/api/positions/gpx", params).status_code == 400
    assert client.as_(None).get("/api/positions/gpx", params).status_code == 401
    for kind in ("geofences", "combined"):
        assert stranger.get(f"/api/reports/{kind}", params).status_code == 400
        assert stranger.get(f"/api/reports/{kind}", DAY).json() == []  # sees no device


def test_geofence_report_and_filter(client: Client, api_settings: Settings) -> None:
    dev = _device(client)
    fence = client.request(
        "POST", "/api/geofences", json={"name": "Depot", "area": "CIRCLE (54.6872 25.2797, 100)"}
    ).json()
    other = client.request(
        "POST", "/api/geofences", json={"name": "Far", "area": "CIRCLE (10 10, 100)"}
    ).json()
    _insert(api_settings, "geofence_visits", [
        {"id": "v1", "device_id": dev["id"], "geofence_id": fence["id"], "enter_time": T0_MS,
         "exit_time": T0_MS + 2500, "enter_position_id": None, "exit_position_id": None,
         "superseded": 0},
        {"id": "v2", "device_id": dev["id"], "geofence_id": other["id"],
         "enter_time": T0_MS + 3000, "exit_time": None, "enter_position_id": None,
         "exit_position_id": None, "superseded": 0},
        {"id": "v3", "device_id": dev["id"], "geofence_id": fence["id"], "enter_time": T0_MS,
         "exit_time": T0_MS + 2500, "enter_position_id": None, "exit_position_id": None,
         "superseded": 1},  # replaced by a replay: not reported
    ])  # fmt: skip
    params = {"deviceId": str(dev["id"]), **DAY}
    rows = client.get("/api/reports/geofences", params).json()
    assert [(r["geofenceId"], r["endTime"]) for r in rows] == [
        (fence["id"], "2026-11-20T10:00:02.500+00:00"),
        (other["id"], None),
    ]
    depot = rows[0]
    assert depot["startTime"] == "2026-11-20T10:00:00.000+00:00"
    assert depot["deviceName"] == dev["name"] and depot["maxSpeed"] > 0  # two fixes inside
    one = client.get("/api/reports/geofences", {**params, "geofenceId": str(other["id"])}).json()
    assert [r["geofenceId"] for r in one] == [other["id"]]
    x = client.get("/api/reports/geofences/xlsx", params)
    assert x.status_code == 200 and x.content[:2] == b"PK"
    # a user who sees the device but not the geofence gets neither its rows nor the filter
    uid = add_user(api_settings, "owner@x.org", "pw")
    client.request("POST", "/api/permissions", json={"userId": uid, "deviceId": dev["id"]})
    owner = client.as_(basic("owner@x.org", "pw"))
    assert owner.get("/api/reports/geofences", params).json() == []
    assert owner.get("/api/reports/geofences",
                     {**params, "geofenceId": str(fence["id"])}).status_code == 400  # fmt: skip
    # positions?geofenceId= keeps the positions the worker marked inside (one, written here)
    store = SqliteTelemetry(api_settings.telemetry_path)
    marked = pos_row(dev["id"], T0_MS + 10_000, attrs={"geofenceIds": [fence["id"]]})
    store.write_batch("test", 1, [marked], [], [])
    store.close()
    inside = client.get("/api/positions", {**params, "geofenceId": str(fence["id"])}).json()
    assert [p["fixTime"] for p in inside] == ["2026-11-20T10:00:10.000+00:00"]
    assert inside[0]["geofenceIds"] == [fence["id"]]
    assert len(client.get("/api/positions", params).json()) == 4
    gpx = client.get("/api/positions/gpx", {**params, "geofenceId": str(fence["id"])})
    assert gpx.text.count("<trkpt") == 1


def test_combined_report(client: Client, api_settings: Settings) -> None:
    dev = _device(client)
    params = {"deviceId": str(dev["id"]), **DAY}
    positions = client.get("/api/positions", params).json()
    _insert(api_settings, "events", [
        {"id": "ab" * 20, "device_id": dev["id"], "type": "alarm", "event_time": T0_MS + 1000,
         "position_id": positions[1]["id"], "geofence_id": None, "maintenance_id": None,
         "attributes": '{"alarm": "sos"}', "superseded": 0},
    ])  # fmt: skip
    r = client.get("/api/reports/combined", params)
    assert r.status_code == 200
    (item,) = r.json()
    assert item["deviceId"] == dev["id"]
    assert item["route"] == [[p["longitude"], p["latitude"]] for p in positions]  # lon, lat
    sos = [e for e in item["events"] if e["type"] == "alarm"]
    assert sos and sos[0]["attributes"]["alarm"] == "sos"
    assert positions[1] in item["positions"]
    assert {p["id"] for p in item["positions"]} <= {e["positionId"] for e in item["events"]}
