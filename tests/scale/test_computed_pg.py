"""Computed attributes on the scale-out tier: defined in the PostgreSQL registry (the tables of
migration 0002), read by the stream worker's logic (StreamLogic, not pinned), and applied to an
OsmAnd device's positions: `ignition` from `io1` drives the ignition events stored in
PostgreSQL, as on the embedded tier (tests/api/traccar/test_computed_attributes.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg

from fleetwire.config import StoreSettings
from fleetwire.rawlog.base import RawFrame
from fleetwire.store.migrate import migrate_postgres
from fleetwire.store.postgres.stores import PgTelemetry, connect_pool
from fleetwire.worker.logic_tier import StreamLogic
from fleetwire.worker.pipeline import process
from tests.conftest import make_settings

UID = "123456"
T0 = 1_795_168_800  # s


def frames(device_id: int, io1: list[int]) -> list[RawFrame]:
    return [
        RawFrame(i + 1, device_id, "osmand", "tcp", (T0 + 60 * i) * 10**6, 1, "127.0.0.1:1",
                 (f"GET /?id={UID}&timestamp={T0 + 60 * i}&lat=54.0&lon=25.0&io1={v} HTTP/1.1"
                  "\r\n\r\n").encode())
        for i, v in enumerate(io1)
    ]  # fmt: skip


def test_registry_computed_attribute_drives_ignition_events(tmp_path: Path, pg_url: str) -> None:
    async def go() -> list[tuple[str, int]]:
        await migrate_postgres(pg_url)
        conn = await asyncpg.connect(pg_url)
        try:
            dev = await conn.fetchval(
                "INSERT INTO devices (unique_id, protocol, created) VALUES ($1, 'osmand', 0)"
                " RETURNING id", UID)  # fmt: skip
            attr = await conn.fetchval(
                "INSERT INTO computed_attributes (description, attribute, expression, type,"
                " priority) VALUES ('wire', 'ignition', 'io1 == 1', 'boolean', -1) RETURNING id"
            )
            await conn.execute("INSERT INTO device_attribute (device_id, attribute_id)"
                               " VALUES ($1, $2)", dev, attr)  # fmt: skip
        finally:
            await conn.close()
        s = make_settings(tmp_path)
        s.store = StoreSettings(url=pg_url)
        pool = await connect_pool(pg_url)
        try:
            logic = StreamLogic(s, pool)  # reads the registry itself
            batch = frames(dev, [0, 1, 1, 0])
            result = process(batch, lambda _: UID, lambda *_: {}, 600_000, 0)
            positions, latest, write = await logic.batch(batch, result, 0)
            await PgTelemetry(pool).write_batch("part-0", 4, positions, latest, [], write)
            rows = await pool.fetch("SELECT type, event_time FROM events WHERE type LIKE"
                                    " 'ignition%' ORDER BY event_time")  # fmt: skip
            return [(r[0], r[1]) for r in rows]
        finally:
            await pool.close()

    assert asyncio.run(go()) == [("ignitionOn", (T0 + 60) * 1000),
                                 ("ignitionOff", (T0 + 180) * 1000)]  # fmt: skip
