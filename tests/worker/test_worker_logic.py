"""The business logic inside the embedded worker, on real SQLite files: derived rows stored with
the positions, late data recomputed, resends and re-deliveries changing nothing, filters keeping
a position out with its reason (business-logic.md §8, features 1-4, 7, 8, 14)."""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fleetwire.model import Record
from fleetwire.protocols import teltonika
from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.store.logic_registry import GeofenceDef, RegistrySnapshot
from fleetwire.store.registry import SqliteRegistry
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.worker.logic.track import LAT0, LON0, T0, north

IMEI = "356307042441013"
GEOFENCE = GeofenceDef(1, f"CIRCLE ({north(3000)} {LON0}, 300)")


def track() -> list[Record]:
    """Parked, a 6 km drive north at 36 km/h through a geofence, parked; then a second trip
    back after a stop: one fix every 10 s (as records: fix time from T0)."""
    pts: list[tuple[float, float, float]] = []  # seconds, metres north, km/h
    pts += [(t, 0, 0) for t in range(0, 600, 30)]
    pts += [(600 + t, 300 + t * 10, 36) for t in range(0, 610, 10)]
    pts += [(1230 + t, 6300, 0) for t in range(0, 1200, 30)]
    pts += [(2430 + t, 6300 - t * 10, 36) for t in range(0, 610, 10)]
    pts += [(3060 + t, 200, 0) for t in range(0, 900, 30)]
    return [
        Record(datetime.fromtimestamp((T0 + s * 1000) / 1000, UTC), valid=True,
               latitude=round(north(m), 7), longitude=LON0, altitude=100.0, speed=v,
               course=0.0, satellites=9, attributes={"ignition": v > 0})
        for s, m, v in pts
    ]  # fmt: skip


def setup(data_dir: Path) -> int:
    reg = SqliteRegistry(data_dir / "registry.db")
    dev = reg.resolve([(IMEI, "teltonika")], register=True)[IMEI]
    reg.close()
    assert dev is not None
    return dev.id


def append(data_dir: Path, device_id: int, batches: list[list[Record]], *,
           received_s: float | None = None) -> None:  # fmt: skip
    d = teltonika.Device(IMEI)
    w = SqliteRawLogWriter(data_dir / "rawlog.db")
    now_us = int((received_s if received_s is not None else time.time()) * 1e6)
    w.append([RawEntry(device_id, "teltonika", "tcp", now_us + i, 1, "127.0.0.1:1",
                       d.report(b)[0]) for i, b in enumerate(batches)])  # fmt: skip
    w.close()


def worker(data_dir: Path, batch_size: int = 10000, **logic: Any) -> Worker:
    s = make_settings(data_dir)
    s.worker.batch_size = batch_size
    s.logic.update(logic)
    w = Worker(s)
    assert w.logic is not None
    w.logic.pin(RegistrySnapshot(geofences={1: GEOFENCE}, device_geofences={1: {1}}))
    return w


def drain(w: Worker) -> None:
    while w.step():
        pass


def derived(data_dir: Path) -> dict[str, Any]:
    c = sqlite3.connect(data_dir / "telemetry.db")
    out = {
        "trips": c.execute("SELECT start_time, end_time, round(distance) FROM trips"
                           " WHERE superseded = 0 ORDER BY start_time").fetchall(),
        "stops": c.execute("SELECT start_time, end_time FROM stops WHERE superseded = 0"
                           " ORDER BY start_time").fetchall(),
        "visits": c.execute("SELECT geofence_id, enter_time, exit_time FROM geofence_visits"
                            " WHERE superseded = 0 ORDER BY enter_time").fetchall(),
        "events": c.execute("SELECT id, type, event_time FROM events WHERE superseded = 0"
                            " AND type NOT LIKE 'device%line' AND type != 'deviceUnknown'"
                            " ORDER BY event_time, id").fetchall(),
        "superseded": c.execute("SELECT type FROM events WHERE superseded = 1").fetchall(),
        "positions": c.execute("SELECT count(*) FROM positions").fetchone()[0],
        "total": c.execute("SELECT json_extract(attributes, '$.totalDistance') FROM positions"
                           " ORDER BY fix_time").fetchall(),
    }  # fmt: skip
    c.close()
    return out


def in_order(tmp: Path, records: list[Record]) -> dict[str, Any]:
    tmp.mkdir()
    dev = setup(tmp)
    append(tmp, dev, [records[i : i + 10] for i in range(0, len(records), 10)])
    w = worker(tmp)
    drain(w)
    w.close()
    return derived(tmp)


def test_trips_stops_visits_and_events_are_stored(tmp_path: Path) -> None:
    got = in_order(tmp_path / "a", track())
    assert len(got["trips"]) == 2
    assert [t for _, t, _ in got["events"]][:1]
    types = [t for _, t, _ in got["events"]]
    assert types.count("deviceMoving") == 2 and types.count("deviceStopped") == 2
    assert types.count("geofenceEnter") == 2 and types.count("geofenceExit") == 2
    assert types.count("ignitionOn") == 2
    assert len(got["visits"]) == 2 and all(v[2] is not None for v in got["visits"])
    totals = [t for (t,) in got["total"]]
    assert totals == sorted(totals) and 12_000 < totals[-1] < 12_800


def test_resends_and_redelivery_change_nothing(tmp_path: Path) -> None:
    records = track()
    once = in_order(tmp_path / "once", records)
    data = tmp_path / "twice"
    data.mkdir()
    dev = setup(data)
    batches = [records[i : i + 10] for i in range(0, len(records), 10)]
    append(data, dev, [b for b in batches for _ in range(2)])  # every frame twice
    w = worker(data, batch_size=7)
    drain(w)
    append(data, dev, batches)  # and the whole day again later
    drain(w)
    w.close()
    assert derived(data) == once


def test_shuffled_within_5s_windows_across_batches_is_the_same(tmp_path: Path) -> None:
    records = track()
    once = in_order(tmp_path / "once", records)
    rnd = random.Random(7)
    windows: dict[int, list[Record]] = {}
    for r in records:
        windows.setdefault(int(r.fix_time.timestamp()) // 5, []).append(r)
    shuffled = []
    for _, rs in sorted(windows.items()):
        rnd.shuffle(rs)
        shuffled.extend(rs)
    data = tmp_path / "shuffled"
    data.mkdir()
    dev = setup(data)
    append(data, dev, [[r] for r in shuffled])
    w = worker(data, batch_size=3)
    drain(w)
    w.close()
    assert derived(data) == once


def test_backlog_newest_first_after_live_data_gives_the_in_order_result(tmp_path: Path) -> None:
    records = track()
    once = in_order(tmp_path / "once", records)
    data = tmp_path / "late"
    data.mkdir()
    dev = setup(data)
    live = [r for r in records if r.fix_time.timestamp() * 1000 >= T0 + 3_000_000]
    backlog = [r for r in records if r.fix_time.timestamp() * 1000 < T0 + 3_000_000]
    append(data, dev, [live[i : i + 10] for i in range(0, len(live), 10)])
    w = worker(data, batch_size=5)
    drain(w)
    chunks = [backlog[i : i + 20] for i in range(0, len(backlog), 20)][::-1]  # newest first
    append(data, dev, chunks)
    drain(w)
    w.close()
    got = derived(data)
    assert got["trips"] == once["trips"]
    assert got["visits"] == once["visits"]
    assert got["stops"] == once["stops"]
    assert got["events"] == once["events"]
    assert got["total"] == once["total"]  # totalDistance recomputed on the live rows too
    assert got["superseded"], "the live-only view's events are kept, flagged superseded"


def test_filtered_position_is_kept_out_with_its_reason(tmp_path: Path) -> None:
    # three hours ahead of its receipt: within the decoders' sanity bound (a day), past the
    # configured filter.future
    dev = setup(tmp_path)
    future = Record(datetime.fromtimestamp(T0 / 1000 + 3 * 3600, UTC), valid=True,
                    latitude=LAT0, longitude=LON0, speed=0.0)  # fmt: skip
    now = Record(datetime.fromtimestamp(T0 / 1000, UTC), valid=True, latitude=LAT0,
                 longitude=LON0, speed=0.0)  # fmt: skip
    append(tmp_path, dev, [[now, future]], received_s=T0 / 1000 + 5)
    w = worker(tmp_path, **{"filter.future": 3600})
    drain(w)
    w.close()
    c = sqlite3.connect(tmp_path / "telemetry.db")
    assert c.execute("SELECT count(*) FROM positions").fetchone()[0] == 1
    rej = c.execute("SELECT fix_time, reason FROM rejected_positions").fetchall()
    assert rej == [(T0 + 3 * 3_600_000, "filter.future")]
    latest = c.execute("SELECT fix_time FROM latest").fetchall()
    assert latest == [(T0,)]


def test_fix_far_older_than_the_state_is_stored_without_a_recompute(tmp_path: Path) -> None:
    records = track()
    once = in_order(tmp_path / "once", records)
    data = tmp_path / "old"
    data.mkdir()
    dev = setup(data)
    append(data, dev, [records[i : i + 10] for i in range(0, len(records), 10)])
    w = worker(data)
    drain(w)
    ancient = Record(datetime.fromtimestamp(T0 / 1000 - 30 * 86400, UTC), valid=True,
                     latitude=LAT0, longitude=LON0, speed=0.0)  # fmt: skip
    append(data, dev, [[ancient]])
    drain(w)
    w.close()
    got = derived(data)
    assert got["positions"] == once["positions"] + 1  # stored...
    assert {k: v for k, v in got.items() if k not in ("positions", "total")} == {
        k: v for k, v in once.items() if k not in ("positions", "total")
    }  # ...nothing redone


def test_checkpoints_are_kept_for_late_max_age_only(tmp_path: Path) -> None:
    dev = setup(tmp_path)
    hourly = [Record(datetime.fromtimestamp(T0 / 1000 + h * 3600 + s, UTC), valid=True,
                     latitude=LAT0, longitude=LON0, speed=0.0)
              for h in range(30) for s in (0, 60)]  # fmt: skip
    append(tmp_path, dev, [hourly[i : i + 2] for i in range(0, len(hourly), 2)])
    w = worker(tmp_path, batch_size=3, **{"late.maxAge": 6 * 3600})
    drain(w)
    w.close()
    c = sqlite3.connect(tmp_path / "telemetry.db")
    ats = [a for (a,) in c.execute("SELECT at FROM device_checkpoints ORDER BY at")]
    c.close()
    newest = T0 + 29 * 3_600_000
    assert ats[-1] == newest
    assert ats[0] < newest - 6 * 3_600_000 <= ats[1]  # one before the horizon, none older
