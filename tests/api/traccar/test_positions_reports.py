"""/api/positions, /api/events/{id} and /api/reports/*: knots, Traccar's date forms in and
out, access, the events type filter, xlsx negotiation (digest §2.3, §2.4, §3.2, §3.10, §7)."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from fleetwire.api.traccar import derived
from fleetwire.api.traccar.telemetry import open_telemetry
from tests.api.traccar.conftest import ALICE, BOB, T0_MS, Api, pos_row
from tests.conftest import make_settings

DAY = {"from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def track(api: Api) -> Api:
    """Device A: 10 positions a minute apart from T0, 37.04 km/h (20 knots), totalDistance."""
    a = api.ids["A"]
    rows = [pos_row(a, T0_MS + i * 60_000, lat=54.0 + i * 0.001, speed_kmh=37.04,
                    attrs={"totalDistance": 1000.0 + i * 100, "hours": i * 60_000,
                           "batteryLevel": 80})
            for i in range(10)]  # fmt: skip
    rows.append(pos_row(api.ids["B"], T0_MS, lat=10.0))
    api.write_positions(rows)
    return api


def derived_rows(api: Api, table: str, rows: list[dict[str, Any]]) -> None:
    async def go() -> None:
        engine = open_telemetry(make_settings(api.data_dir))
        await derived.create_tables(engine)
        await derived.insert(engine, table, rows)
        await engine.dispose()

    asyncio.run(go())


def test_speed_is_knots_and_dates_are_traccars(track: Api) -> None:
    latest = track.get("/api/positions", params={"deviceId": track.ids["A"]}).json()
    assert len(latest) == 1
    p = latest[0]
    assert p["speed"] == pytest.approx(20.0)  # 37.04 km/h
    assert p["fixTime"] == "2026-11-20T10:09:00.000+00:00"
    assert p["serverTime"] == "2026-11-20T10:09:00.500+00:00"
    assert p["geofenceIds"] == []  # not null (HA tests membership with `in`)
    assert p["attributes"]["batteryLevel"] == 80 and p["protocol"] == "teltonika"
    assert p["accuracy"] == 0.0 and p["address"] is None


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-11-20T10:00:00Z", "2026-11-20T10:05:00Z"),  # W: toISOString
        ("2026-11-20T10:00:00.000Z", "2026-11-20T10:05:00.000Z"),
        ("2026-11-20T10:00:00.000000Z", "2026-11-20T10:05:00.123456Z"),  # P: isoformat()+Z
        ("2026-11-20T10:00:00.000+00:00", "2026-11-20T10:05:00.000+00:00"),  # W echoes ours
        ("2026-11-20T12:00:00+02:00", "2026-11-20T12:05:00+02:00"),
        ("2026-11-20T10:00:00.000 00:00", "2026-11-20T10:05:00.000 00:00"),  # '+' decoded
    ],
)
def test_history_accepts_every_client_date_form(track: Api, start: str, end: str) -> None:
    r = track.get("/api/positions", params={"deviceId": track.ids["A"], "from": start, "to": end})
    assert r.status_code == 200, r.text
    times = [p["fixTime"] for p in r.json()]
    assert times[0] == "2026-11-20T10:00:00.000+00:00" and len(times) == 6  # both ends inclusive


@pytest.mark.parametrize("bad", ["2026-11-20T10:00:00", "2026-11-20", "yesterday", ""])
def test_dates_without_a_zone_are_refused(track: Api, bad: str) -> None:
    r = track.get("/api/positions", params={"deviceId": track.ids["A"], "from": bad,
        "to": "2026-11-21T00:00:00Z"})  # fmt: skip
    assert r.status_code == 400 and "zone" in r.text


def test_positions_latest_by_id_and_access(track: Api) -> None:
    every = track.get("/api/positions").json()
    assert {p["deviceId"] for p in every} == {track.ids["A"], track.ids["B"]}
    assert [p["deviceId"] for p in track.get("/api/positions", user=ALICE).json()] == [
        track.ids["A"]
    ]
    assert track.get("/api/positions", user=BOB).json() == []
    pid = every[0]["id"]
    assert [p["id"] for p in track.get("/api/positions", params={"id": pid}).json()] == [pid]
    b_pid = next(p["id"] for p in every if p["deviceId"] == track.ids["B"])
    assert track.get("/api/positions", params={"id": b_pid}, user=ALICE).status_code == 400
    r = track.get("/api/positions", params={"deviceId": track.ids["B"], **DAY}, user=ALICE)
    assert r.status_code == 400


def test_route_report_and_xlsx_negotiation(track: Api) -> None:
    params = {"deviceId": track.ids["A"], **DAY}
    route = track.get("/api/reports/route", params=params, headers={"Accept": "*/*"})
    assert route.headers["content-type"] == "application/json"  # JSON is the default
    assert len(route.json()) == 10 and route.json()[0]["speed"] == pytest.approx(20.0)
    for kw in ({"headers": {"Accept": XLSX}}, {}):
        path = "/api/reports/route" if kw else "/api/reports/route/xlsx"
        x = track.get(path, params=params, **kw)
        assert x.status_code == 200 and x.headers["content-type"] == XLSX
        assert "report.xlsx" in x.headers["content-disposition"]
        sheet = load_workbook(io.BytesIO(x.content)).active
        assert sheet is not None
        values = list(sheet.values)
        assert values[0][:3] == ("id", "attributes", "deviceId") and len(values) == 11


def test_reports_refused_to_accounts_without_reports(track: Api) -> None:
    import dataclasses

    from tests.api.traccar import conftest

    no_reports = dataclasses.replace(ALICE, disable_reports=True)
    conftest.USERS[ALICE.email] = no_reports
    try:
        r = track.get("/api/reports/route", params={"deviceId": track.ids["A"], **DAY},
                      user=no_reports)  # fmt: skip
        assert r.status_code == 400 and "disabled" in r.text
    finally:
        conftest.USERS[ALICE.email] = ALICE


def test_summary_report(track: Api) -> None:
    rows = track.get("/api/reports/summary", params={"deviceId": track.ids["A"], **DAY}).json()
    assert len(rows) == 1
    s = rows[0]
    assert s["distance"] == pytest.approx(900.0)  # totalDistance 1000 -> 1900 m
    assert s["maxSpeed"] == pytest.approx(20.0) and s["averageSpeed"] == pytest.approx(20.0)
    assert s["engineHours"] == 540_000  # ms
    assert s["startTime"] == "2026-11-20T10:00:00.000+00:00"
    # no deviceId: every device the caller can reach
    mine = track.get("/api/reports/summary", params=DAY, user=ALICE).json()
    assert [r["deviceId"] for r in mine] == [track.ids["A"]]


def test_events_report_honours_the_type_filter_and_events_by_id(track: Api) -> None:
    a = track.ids["A"]
    derived_rows(track, "events", [
        {"id": "ab" * 20, "device_id": a, "type": "ignitionOn", "event_time": T0_MS,
         "position_id": None, "geofence_id": None, "maintenance_id": None, "attributes": "{}",
         "superseded": 0},
        {"id": "cd" * 20, "device_id": a, "type": "alarm", "event_time": T0_MS + 1000,
         "position_id": 5, "geofence_id": None, "maintenance_id": None,
         "attributes": '{"alarm": "sos"}', "superseded": 0},
        {"id": "ef" * 20, "device_id": a, "type": "alarm", "event_time": T0_MS + 2000,
         "position_id": 6, "geofence_id": None, "maintenance_id": None, "attributes": "{}",
         "superseded": 1},
    ])  # fmt: skip
    # HA's call: from/to with microseconds and Z, one type
    params: dict[str, Any] = {"from": "2026-11-20T00:00:00.000000Z",
                              "to": "2026-11-21T00:00:00.000000Z", "type": "alarm"}  # fmt: skip
    events = track.get("/api/reports/events", params=params, user=ALICE).json()
    assert [e["type"] for e in events] == ["alarm"]  # the superseded one is gone
    e = events[0]
    assert e["eventTime"] == "2026-11-20T10:00:01.000+00:00" and e["positionId"] == 5
    assert e["geofenceId"] == 0 and e["maintenanceId"] == 0 and e["attributes"]["alarm"] == "sos"
    both = track.get("/api/reports/events", params={**params, "type": "allEvents"}).json()
    assert {x["type"] for x in both} == {"alarm", "ignitionOn"}
    by_alarm = track.get("/api/reports/events", params={**DAY, "alarm": "sos"}).json()
    assert [x["type"] for x in by_alarm] == ["alarm"]
    one = track.get(f"/api/events/{e['id']}", user=ALICE)
    assert one.status_code == 200 and one.json() == e
    assert track.get(f"/api/events/{e['id']}", user=BOB).status_code == 400
    assert track.get("/api/events/12345").status_code == 404


def test_trips_and_stops_reports(track: Api) -> None:
    a = track.ids["A"]
    derived_rows(track, "trips", [{
        "id": "t1", "device_id": a, "start_time": T0_MS, "end_time": T0_MS + 540_000,
        "start_position_id": 1, "end_position_id": 10, "start_lat": 54.0, "start_lon": 25.0,
        "end_lat": 54.009, "end_lon": 25.0, "distance": 900.0, "average_speed": 37.04,
        "max_speed": 55.56, "duration": 540_000, "start_odometer": 1000.0,
        "end_odometer": 1900.0, "spent_fuel": None, "driver_unique_id": None}])  # fmt: skip
    derived_rows(track, "stops", [{
        "id": "s1", "device_id": a, "start_time": T0_MS + 600_000, "end_time": T0_MS + 1_200_000,
        "position_id": 10, "latitude": 54.009, "longitude": 25.0, "duration": 600_000,
        "engine_hours": 0, "start_odometer": 1900.0, "end_odometer": 1900.0,
        "spent_fuel": None}])  # fmt: skip
    trips = track.get("/api/reports/trips", params={"deviceId": a, **DAY}).json()
    assert len(trips) == 1
    t = trips[0]
    assert t["averageSpeed"] == pytest.approx(20.0) and t["maxSpeed"] == pytest.approx(30.0)
    assert t["duration"] == 540_000 and t["distance"] == 900.0 and t["deviceName"]
    assert t["startPositionId"] == 1 and t["endTime"] == "2026-11-20T10:09:00.000+00:00"
    # W draws the trip by sending the server's own dates back
    route = track.get("/api/reports/route", params={
        "deviceId": a, "from": t["startTime"], "to": t["endTime"]}).json()  # fmt: skip
    assert len(route) == 10
    stops = track.get("/api/reports/stops", params={"deviceId": a, **DAY}).json()
    assert [(s["positionId"], s["duration"]) for s in stops] == [(10, 600_000)]
    assert track.get("/api/reports/trips", params={"deviceId": track.ids["B"], **DAY},
                     user=ALICE).status_code == 400  # fmt: skip
    missing = track.get("/api/reports/trips", params={"deviceId": a})
    assert missing.status_code == 400 and missing.text == "from: Field required; to: Field required"
