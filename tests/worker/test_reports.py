"""The derived readers and reports on the embedded store after a scripted track (features 5, 7,
12): trips for a day and for the month agree, JSON and CSV, summary spent fuel never negative,
superseded rows left out, rejected positions listed with their reason."""

from __future__ import annotations

import asyncio
import csv
import io
import sqlite3
from pathlib import Path

import pytest

from fleetwire.store.derived import open_reader
from fleetwire.store.reports import ReportError, report, to_csv
from tests.worker.logic.track import T0
from tests.worker.test_worker_logic import append, setup, track, worker

DAY = 86_400_000


def test_reports_read_the_stored_segments(data_dir: Path) -> None:
    dev = setup(data_dir)
    records = track()
    append(data_dir, dev, [records[i : i + 10] for i in range(0, len(records), 10)])
    w = worker(data_dir)
    while w.step():
        pass
    settings = w.settings
    w.close()

    async def go() -> None:
        reader = await open_reader(settings)
        try:
            day = await report(reader, "trips", [dev], T0 - T0 % DAY, T0 - T0 % DAY + DAY)
            month = await report(reader, "trips", [dev], T0 - 31 * DAY, T0 + 31 * DAY)
            assert day == month and len(day) == 2
            assert day[0]["startPositionId"] > 0 and day[0]["distance"] > 6000
            stops = await report(reader, "stops", [dev], T0 - DAY, T0 + DAY)
            assert stops and all(s["duration"] > 0 for s in stops)
            events = await report(reader, "events", [dev], T0 - DAY, T0 + DAY,
                                  types=["geofenceEnter"])  # fmt: skip
            assert [e["type"] for e in events] == ["geofenceEnter", "geofenceEnter"]
            one = await reader.event(events[0]["id"])
            assert one is not None and one.geofence_id == 1
            summary = await report(reader, "summary", [dev], T0 - DAY, T0 + DAY)
            assert summary[0]["distance"] > 12_000 and summary[0]["maxSpeed"] == 36
            route = await report(reader, "route", [dev], T0, T0 + 600_000)
            assert len(route) == 20 and "totalDistance" in route[-1]["attributes"]
            rows = list(csv.DictReader(io.StringIO(to_csv(day))))
            assert [int(r["startTime"]) for r in rows] == [t["startTime"] for t in day]
            with pytest.raises(ReportError):
                await report(reader, "nonsense", [dev], 0, 1)
            # a superseded trip is no longer reported
            c = sqlite3.connect(data_dir / "telemetry.db")
            c.execute("UPDATE trips SET superseded = 1 WHERE id = ?", (day[0]["id"],))
            c.commit()
            c.close()
            assert len(await report(reader, "trips", [dev], T0 - DAY, T0 + DAY)) == 1
        finally:
            await reader.close()

    asyncio.run(go())
