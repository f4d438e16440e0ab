"""The PostgreSQL store on a real server: migrations, idempotent batches, latest, partitions."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest

from fleetwire.model import Record
from fleetwire.store.migrate import head, migrate_postgres
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgRegistry, PgTelemetry, connect_pool
from fleetwire.worker.pipeline import to_row

NOW = datetime.now(UTC).replace(microsecond=0)


def rec(seconds: int, lat: float = 54.0) -> Record:
    return Record(
        fix_time=NOW - timedelta(seconds=seconds), valid=True, latitude=lat, longitude=25.0,
        speed=10.0, course=90.0, satellites=8, attributes={"ignition": True},
    )  # fmt: skip


def test_migrate_is_idempotent_and_checked(pg_url: str) -> None:
    async def go() -> None:
        conn = await asyncpg.connect(pg_url)
        try:
            with pytest.raises(schema.SchemaBehind):
                await schema.check(conn)
            assert await schema.migrate(conn) == [v for v, _ in schema.MIGRATIONS]
            assert await schema.migrate(conn) == []
            with pytest.raises(schema.SchemaBehind, match="registry"):
                await schema.check(conn)  # the registry's half is not there yet
            done = await migrate_postgres(pg_url)
            assert done["postgres"] == [] and done["registry"] == (None, head())
            await schema.check(conn)
            parts = await conn.fetch(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'positions'"
            )
            names = {r["relname"] for r in parts}
            assert f"positions_{NOW:%Y_%m}" in names and "positions_default" in names
            assert len(names) >= 4  # last month, this month, two ahead, default
        finally:
            await conn.close()

    asyncio.run(go())


def test_batches_are_idempotent_and_latest_moves_forward(pg_url: str) -> None:
    async def go() -> None:
        await migrate_postgres(pg_url)
        pool = await connect_pool(pg_url)
        try:
            reg = PgRegistry(pool)
            dev = (await reg.resolve([("356307042441013", "teltonika")], True))["356307042441013"]
            assert dev is not None
            store = PgTelemetry(pool)
            server_ms = int(NOW.timestamp() * 1000)
            rows = [to_row(dev.id, rec(s), server_ms, 7) for s in (30, 20, 10)]
            old = to_row(dev.id, rec(3600 * 24 * 400, lat=1.0), server_ms, 8)  # default partition
            assert await store.write_batch("part-0", 8, [*rows, old], [rows[2]], []) == 4
            assert await store.write_batch("part-0", 8, [*rows, old], [rows[0]], []) == 0
            assert await store.count() == 4
            latest = await store.latest([dev.id])
            assert latest[0].fix_time_ms == rows[2][2]  # an older fix never moves it back
            assert await store.offset("part-0") == 8
            got = await store.positions(dev.id, 0, 2**62, 100)
            assert [p.fix_time_ms for p in got] == sorted(r[2] for r in [*rows, old])
            assert got[-1].attributes == {"ignition": True}
            await store.write_batch(
                "part-0", 9, [], [], [(9, dev.id, "teltonika", "TruncatedFrame: x", server_ms)]
            )
            assert (await store.dead_letters(10))[0][0] == 9
            # the embedded store's shape: "at" in ms, and one device's only on request
            dead = (9, dev.id, "teltonika", "TruncatedFrame: x", server_ms)
            assert await store.dead_letters(10, dev.id) == [dead]
            assert await store.dead_letters(10, dev.id + 1) == []
        finally:
            await pool.close()

    asyncio.run(go())


def test_registry_registration_and_refusal(pg_url: str) -> None:
    async def go() -> None:
        await migrate_postgres(pg_url)
        pool = await connect_pool(pg_url)
        try:
            reg = PgRegistry(pool)
            assert (await reg.resolve([("1", "gt06")], register=False)) == {"1": None}
            got = await reg.resolve([("1", "gt06"), ("2", "gt06")], register=True)
            assert {d.unique_id for d in got.values() if d} == {"1", "2"}
            await pool.execute("UPDATE devices SET disabled = true WHERE unique_id = '2'")
            assert (await reg.resolve([("2", "gt06")], register=True)) == {"2": None}
            assert [d.unique_id for d in await reg.devices()] == ["1", "2"]
        finally:
            await pool.close()

    asyncio.run(go())


def test_expired_partitions_are_dropped(pg_url: str) -> None:
    async def go() -> None:
        conn = await asyncpg.connect(pg_url)
        try:
            await schema.migrate(conn)
            await schema.ensure_partitions(conn, 0, now=NOW - timedelta(days=800))
            dropped = await schema.drop_expired(conn, retention_days=365)
            assert dropped and all(name < f"positions_{NOW:%Y_%m}" for name in dropped)
            assert await conn.fetchval("SELECT to_regclass($1)", f"positions_{NOW:%Y_%m}")
        finally:
            await conn.close()

    asyncio.run(go())


async def _refuse(pool: Any, table: str) -> None:
    await pool.execute(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
        " $$BEGIN RAISE EXCEPTION 'refused by the test'; END$$"
    )
    await pool.execute(
        f"CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON {table}"
        " FOR EACH ROW EXECUTE FUNCTION refuse()"
    )


async def _allow(pool: Any, table: str) -> None:
    await pool.execute(f"DROP TRIGGER refuse ON {table}")
    await pool.execute("DROP FUNCTION refuse()")


def test_a_batch_and_its_offset_commit_together(pg_url: str) -> None:
    """A trigger refuses the offset (then the positions) mid-batch, as a worker killed between
    the two would leave it: neither may be stored without the other."""

    async def go() -> None:
        await migrate_postgres(pg_url)
        pool = await connect_pool(pg_url)
        try:
            reg = PgRegistry(pool)
            uid = "356307042441013"
            dev = (await reg.resolve([(uid, "teltonika")], True))[uid]
            assert dev is not None
            store = PgTelemetry(pool)
            server_ms = int(NOW.timestamp() * 1000)
            first = [to_row(dev.id, rec(s), server_ms, 1) for s in (50, 40)]
            assert await store.write_batch("part-0", 1, first, [], []) == 2
            batch = [to_row(dev.id, rec(s), server_ms, 2) for s in (30, 20)]
            await _refuse(pool, "offsets")
            with pytest.raises(asyncpg.RaiseError, match="refused"):
                await store.write_batch("part-0", 2, batch, [], [])
            await _allow(pool, "offsets")
            assert await store.count() == 2, "rows committed without their offset"
            await _refuse(pool, "positions")
            with pytest.raises(asyncpg.RaiseError, match="refused"):
                await store.write_batch("part-0", 2, batch, [], [])
            await _allow(pool, "positions")
            assert await store.offset("part-0") == 1, "offset committed without its rows"
            assert await store.write_batch("part-0", 2, batch, [], []) == 2
            assert (await store.count(), await store.offset("part-0")) == (4, 2)
        finally:
            await pool.close()

    asyncio.run(go())
