"""Computed attributes end to end on the embedded tier: defined through Traccar's API
(/api/attributes/computed, checked when saved), linked to a device through /api/permissions,
then the worker reads them from the registry and sets `ignition` from an OsmAnd device's `io1`
on every stored position, which drives the ignition events (business-logic.md §8 feature 20)."""

from __future__ import annotations

import sqlite3

from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.worker.loop import Worker
from tests.api.traccar.conftest import ALICE, UID_A, Api
from tests.conftest import make_settings

T0 = 1_795_168_800  # s


def osmand(t: int, io1: int) -> bytes:
    return (f"GET /?id={UID_A}&timestamp={t}&lat=54.0&lon=25.0&speed=0&io1={io1} HTTP/1.1\r\n"
            "Host: fleetwire\r\n\r\n").encode()  # fmt: skip


def test_defined_linked_and_applied_by_the_worker(api: Api) -> None:
    bad = api.post(
        "/api/attributes/computed",
        {"attribute": "ignition", "expression": "io1 ==", "type": "boolean"},
    )
    assert bad.status_code == 400 and "unexpected the end" in bad.text
    kind = api.post(
        "/api/attributes/computed", {"attribute": "ignition", "expression": "1", "type": "float"}
    )
    assert kind.status_code == 400 and "type 'float'" in kind.text
    r = api.post("/api/attributes/computed", {
        "description": "Ignition wire", "attribute": "ignition", "expression": "io1 == 1",
        "type": "boolean", "priority": -1}, user=ALICE)  # fmt: skip
    assert r.status_code == 200, r.text
    link = {"deviceId": api.ids["A"], "attributeId": r.json()["id"]}
    assert api.post("/api/permissions", link, user=ALICE).status_code == 204

    w = SqliteRawLogWriter(api.data_dir / "rawlog.db")
    w.append(
        [
            RawEntry(
                api.ids["A"],
                "osmand",
                "tcp",
                (T0 + 60 * i) * 10**6,
                1,
                "127.0.0.1:1",
                osmand(T0 + 60 * i, io1),
            )
            for i, io1 in enumerate([0, 1, 1, 0])
        ]
    )
    w.close()
    worker = Worker(make_settings(api.data_dir))
    try:
        while worker.step():
            pass
    finally:
        worker.close()
    c = sqlite3.connect(api.data_dir / "telemetry.db")
    try:
        events = c.execute("SELECT type, event_time FROM events WHERE type LIKE 'ignition%'"
                           " ORDER BY event_time").fetchall()  # fmt: skip
        stored = c.execute("SELECT json_extract(attributes, '$.ignition') FROM positions"
                           " ORDER BY fix_time").fetchall()  # fmt: skip
    finally:
        c.close()
    assert events == [("ignitionOn", (T0 + 60) * 1000), ("ignitionOff", (T0 + 180) * 1000)]
    assert [v for (v,) in stored] == [0, 1, 1, 0]  # JSON false/true as SQLite reads them
