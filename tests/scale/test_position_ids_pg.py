"""Position ids on the scale-out tier (PostgreSQL schema version 6): rows stored before the
migration get one, the worker's COPY path gives every new row one, a partition move keeps them,
and the Traccar API serves them as the embedded tier does (`positionId`, `positions?id=`), over
real HTTP against a real PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from fleetwire.config import StoreSettings
from fleetwire.store.db import open_registry
from fleetwire.store.migrate import migrate_postgres
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgRegistry, PgTelemetry, connect_pool
from fleetwire.store.users import create_user
from fleetwire.worker.pipeline import to_row
from tests.api.conftest import ADMIN, Client, basic, serve
from tests.conftest import make_settings
from tests.scale.test_postgres_store import NOW, rec

UID = "356307042441013"


def _ms(t: datetime) -> int:
    return int(t.timestamp() * 1000)


def test_migration_numbers_rows_already_stored(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database at version 5 with positions in it: version 6 gives each a distinct id, and
    the worker's next batch (COPY) continues the sequence."""

    async def go() -> None:
        monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:5])
        conn = await asyncpg.connect(pg_url)
        try:
            assert await schema.migrate(conn) == [1, 2, 3, 4, 5]
            await conn.execute(
                "INSERT INTO positions (device_id, kind, fix_time, server_time, valid, latitude,"
                " longitude, altitude, speed, course, satellites, attributes, frame_seq, dedup)"
                " SELECT 1, 'position', now() - make_interval(secs => i), now(), true, 54, 25,"
                " 0, 0, 0, 8, '{}', i, i FROM generate_series(1, 3) i"
            )
            monkeypatch.undo()
            # 6 and any later ones
            assert await schema.migrate(conn) == [v for v, _ in schema.MIGRATIONS if v >= 6]
            ids = [r[0] for r in await conn.fetch("SELECT id FROM positions ORDER BY id")]
            assert len(set(ids)) == 3 and all(i > 0 for i in ids)
        finally:
            await conn.close()
        pool = await connect_pool(pg_url)
        try:
            store = PgTelemetry(pool)
            row = to_row(1, rec(30), _ms(NOW), 7)
            assert await store.write_batch("part-0", 7, [row], [row], []) == 1
            (latest,) = await store.latest([1])
            assert latest.id > max(ids)
            (stored,) = [p for p in await store.positions(1, 0, 2**62, 10) if p.id == latest.id]
            assert stored.fix_time_ms == row[2]
        finally:
            await pool.close()

    asyncio.run(go())


def test_partition_move_keeps_ids(pg_url: str) -> None:
    """A fix months ahead waits in the DEFAULT partition; creating its month moves it, id and
    all."""

    async def go() -> None:
        await migrate_postgres(pg_url)
        pool = await connect_pool(pg_url)
        try:
            ahead = rec(-200 * 86400)  # 200 days ahead: past the partitions made so far
            row = to_row(1, ahead, _ms(NOW), 3)
            await PgTelemetry(pool).write_batch("part-0", 3, [row], [], [])
            async with pool.acquire() as conn:
                before = await conn.fetchval("SELECT id FROM positions_default")
                await schema.ensure_partitions(conn, 0, now=ahead.fix_time)
                month = f"positions_{ahead.fix_time:%Y_%m}"
                assert await conn.fetchval(f"SELECT id FROM {month}") == before
                assert await conn.fetchval("SELECT count(*) FROM positions_default") == 0
        finally:
            await pool.close()

    asyncio.run(go())


def test_traccar_api_serves_position_ids(pg_url: str, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.store = StoreSettings(url=pg_url)

    async def fill() -> list[int]:
        await migrate_postgres(pg_url)
        engine = open_registry(settings)
        try:
            await create_user(engine, *ADMIN, administrator=True)
        finally:
            await engine.dispose()
        pool = await connect_pool(pg_url)
        try:
            dev = (await PgRegistry(pool).resolve([(UID, "teltonika")], True))[UID]
            assert dev is not None
            rows = [to_row(dev.id, rec(s, lat=54.0 + s / 1000), _ms(NOW), 5) for s in (30, 20, 10)]
            await PgTelemetry(pool).write_batch("part-0", 5, rows, [rows[-1]], [])
            return [dev.id]
        finally:
            await pool.close()

    (device_id,) = asyncio.run(fill())
    for base in serve(settings):
        client = Client(base, basic(*ADMIN))
        (latest,) = client.get("/api/positions").json()
        assert latest["id"] > 0 and latest["latitude"] == pytest.approx(54.01)
        (dev,) = client.get("/api/devices").json()
        assert dev["positionId"] == latest["id"]
        by_id = client.get("/api/positions", {"id": str(latest["id"])}).json()
        assert by_id == [latest]
        window = {
            "deviceId": str(device_id),
            "from": (NOW - timedelta(minutes=1)).isoformat().replace("+00:00", "Z"),
            "to": NOW.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        }
        history = client.get("/api/positions", window).json()
        ids = [p["id"] for p in history]
        assert len(set(ids)) == 3 and all(ids) and latest["id"] in ids
        assert [p["latitude"] for p in history] == pytest.approx([54.03, 54.02, 54.01])
        assert client.get("/api/positions", {"id": str(max(ids) + 1000)}).json() == []
