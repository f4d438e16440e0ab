"""The business logic on the scale-out tier's store (PostgreSQL): the same derived rows as the
embedded tier for the same track, in order or with a backlog delivered newest first after live
data, through the stream worker's batch path (pipeline, StreamLogic, PgTelemetry.write_batch)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import asyncpg

from fleetwire.config import Settings, StoreSettings
from fleetwire.model import Record
from fleetwire.protocols import teltonika
from fleetwire.rawlog.base import RawFrame
from fleetwire.store.derived import PgDerived, open_reader
from fleetwire.store.logic_registry import RegistrySnapshot
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgTelemetry, connect_pool
from fleetwire.store.reports import report
from fleetwire.worker.logic_tier import StreamLogic
from fleetwire.worker.pipeline import process
from tests.conftest import make_settings
from tests.worker.logic.track import T0
from tests.worker.test_worker_logic import GEOFENCE, IMEI, append, derived, setup, track, worker

SNAP = RegistrySnapshot(geofences={1: GEOFENCE}, device_geofences={1: {1}})


def frames_of(batches: list[list[Record]], seq0: int) -> list[RawFrame]:
    d = teltonika.Device(IMEI)
    now_us = time.time_ns() // 1000
    return [RawFrame(seq0 + i, 1, "teltonika", "tcp", now_us + i, 1, "127.0.0.1:1",
                     d.report(b)[0]) for i, b in enumerate(batches)]  # fmt: skip


async def open_pg(url: str, tmp: Path) -> tuple[Settings, Any]:
    """A migrated database: settings on it and a pool."""
    conn = await asyncpg.connect(url)
    try:
        await schema.migrate(conn)
    finally:
        await conn.close()
    s = make_settings(tmp)
    s.store = StoreSettings(url=url)
    return s, await connect_pool(url)


async def run_pg(url: str, tmp: Path, deliveries: list[list[list[Record]]]) -> dict[str, Any]:
    s, pool = await open_pg(url, tmp)
    try:
        tel = PgTelemetry(pool)
        logic = StreamLogic(s, pool)
        logic.pin(SNAP)
        seq = 1
        for batch in deliveries:
            frames = frames_of(batch, seq)
            seq += len(frames)
            result = process(frames, lambda _: IMEI, lambda *_: {}, 600_000, 0)
            positions, latest, write = await logic.batch(frames, result, 0)
            await tel.write_batch("part-0", seq, positions, latest, result.dead, write)
        out = await pg_derived(pool)
        reader = PgDerived(pool)
        for kind in ("trips", "stops", "events", "summary"):
            out[f"report_{kind}"] = await report(reader, kind, [1], T0 - 86_400_000,
                                                 T0 + 86_400_000)  # fmt: skip
        out["report_route"] = len(await report(reader, "route", [1], T0, T0 + 86_400_000))
        return out
    finally:
        await pool.close()


async def pg_derived(pool: Any) -> dict[str, Any]:
    q = {
        "trips": "SELECT start_time, end_time, round(distance) FROM trips WHERE superseded = 0"
                 " ORDER BY start_time",
        "stops": "SELECT start_time, end_time FROM stops WHERE superseded = 0 ORDER BY start_time",
        "visits": "SELECT geofence_id, enter_time, exit_time FROM geofence_visits"
                  " WHERE superseded = 0 ORDER BY enter_time",
        "events": "SELECT id, type, event_time FROM events WHERE superseded = 0"
                  " AND type NOT LIKE 'device%line' AND type != 'deviceUnknown'"
                  " ORDER BY event_time, id",
    }  # fmt: skip
    out = {k: [tuple(r) for r in await pool.fetch(sql)] for k, sql in q.items()}
    totals = "SELECT (attributes->>'totalDistance')::float FROM positions ORDER BY fix_time"
    out["total"] = [(r[0],) for r in await pool.fetch(totals)]
    out["superseded"] = await pool.fetchval("SELECT count(*) FROM events WHERE superseded = 1")
    return out


def embedded(tmp: Path) -> dict[str, Any]:
    tmp.mkdir()
    dev = setup(tmp)
    records = track()
    append(tmp, dev, [records[i : i + 10] for i in range(0, len(records), 10)])
    w = worker(tmp)
    while w.step():
        pass
    w.close()
    out = derived(tmp)

    async def reports() -> None:
        reader = await open_reader(w.settings)
        for kind in ("trips", "stops", "events", "summary"):
            out[f"report_{kind}"] = await report(reader, kind, [dev], T0 - 86_400_000,
                                                 T0 + 86_400_000)  # fmt: skip
        out["report_route"] = len(await report(reader, "route", [dev], T0, T0 + 86_400_000))
        await reader.close()

    asyncio.run(reports())
    return out


def test_postgres_matches_embedded_in_order_and_late(tmp_path: Path, pg_url: str) -> None:
    records = track()
    want = embedded(tmp_path / "embedded")
    chunks = [records[i : i + 10] for i in range(0, len(records), 10)]
    got = asyncio.run(run_pg(pg_url, tmp_path, [chunks]))
    for key in ("trips", "stops", "visits", "events", "total"):
        assert [tuple(float(x) if isinstance(x, float) else x for x in r) for r in got[key]] == [
            tuple(r) for r in want[key]], key  # fmt: skip
    assert got["superseded"] == 0
    for kind in ("trips", "stops", "summary", "route"):  # the same reports from either store
        assert got[f"report_{kind}"] == want[f"report_{kind}"], kind
    assert [e["id"] for e in got["report_events"]] == [e["id"] for e in want["report_events"]]


def test_postgres_backlog_newest_first(tmp_path: Path, pg_url: str) -> None:
    records = track()
    want = embedded(tmp_path / "embedded")
    live = [r for r in records if r.fix_time.timestamp() * 1000 >= T0 + 3_000_000]
    backlog = [r for r in records if r.fix_time.timestamp() * 1000 < T0 + 3_000_000]
    deliveries = [[live[i : i + 10]] for i in range(0, len(live), 10)]
    deliveries += [[backlog[i : i + 20]] for i in range(0, len(backlog), 20)][::-1]
    got = asyncio.run(run_pg(pg_url, tmp_path, deliveries))
    for key in ("trips", "stops", "visits", "events", "total"):
        assert [tuple(r) for r in got[key]] == [tuple(r) for r in want[key]], key
    assert got["superseded"] > 0
