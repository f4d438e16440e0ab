"""The devices' states the stream worker keeps between batches (worker/state_cache.py), on real
PostgreSQL through the stream worker's batch path: a partition that moves to another worker and
back, and a commit that fails after the batch moved the state on in memory, leave the next batch
starting from the stored state, with the embedded worker's result for the same track."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from fleetwire.model import Record
from fleetwire.store.derived_sql import numbered
from fleetwire.store.postgres.stores import PgTelemetry
from fleetwire.worker.logic_tier import StreamLogic
from fleetwire.worker.pipeline import process
from tests.scale.test_logic_pg import SNAP, embedded, frames_of, open_pg, pg_derived
from tests.worker.test_state_cache import UNSTAMPED_UPSERT
from tests.worker.test_worker_logic import IMEI, track

KEYS = ("trips", "stops", "visits", "events", "total")


def chunks() -> list[list[Record]]:
    records = track()
    return [records[i : i + 10] for i in range(0, len(records), 10)]


async def step(logic: StreamLogic, tel: PgTelemetry, batch: list[Record], seq: int) -> None:
    frames = frames_of([batch], seq)
    result = process(frames, lambda _: IMEI, lambda *_: {}, 600_000, 0)
    positions, latest, write = await logic.batch(frames, result, 0)
    await tel.write_batch("part-0", seq, positions, latest, result.dead, write)


async def opened(url: str, tmp: Path, **keys: Any) -> tuple[Any, PgTelemetry, StreamLogic]:
    """A migrated database's pool, its telemetry store and a worker's logic (these keys)."""
    s, pool = await open_pg(url, tmp)
    s.logic.update(keys)
    logic = StreamLogic(s, pool)
    logic.pin(SNAP)
    return pool, PgTelemetry(pool), logic


async def steps(logic: StreamLogic, tel: PgTelemetry, first: int, last: int) -> None:
    """Batches ``first`` to ``last`` - 1 of the track, each a delivery of its own."""
    batches = chunks()
    for i in range(first, min(last, len(batches))):
        await step(logic, tel, batches[i], i + 1)


def same(got: dict[str, Any], want: dict[str, Any]) -> None:
    for key in KEYS:
        assert [tuple(r) for r in got[key]] == [tuple(r) for r in want[key]], key


def test_a_partition_moving_to_another_worker_and_back(tmp_path: Path, pg_url: str) -> None:
    """Two workers' logic take turns on the device, four batches each: each time the partition
    comes back, the worker's cached state is the one it wrote before the other worker wrote
    four batches more (a worker going on from it would miss their distance, trips, events)."""
    want = embedded(tmp_path / "embedded")

    async def run() -> dict[str, Any]:
        pool, tel, one = await opened(pg_url, tmp_path)
        try:
            other = StreamLogic(one.settings, pool)
            other.pin(SNAP)
            workers = [one, other]
            for i in range(0, len(chunks()), 4):
                await steps(workers[i // 4 % 2], tel, i, i + 4)
            for logic in workers:  # 22 batches: each worker has the device 2 or 3 times
                assert logic.states.hits >= 7  # the cache in use between the moves
                assert logic.states.misses >= 2  # and refused after each move back
            return await pg_derived(pool)
        finally:
            await pool.close()

    same(asyncio.run(run()), want)


def test_a_failed_commit_leaves_the_stored_state_for_the_next_batch(
    tmp_path: Path, pg_url: str
) -> None:
    """``late.maxAge`` of 1 s: a batch started from a state already past its fixes would store
    them without the logic rather than recompute, so a stale entry would show."""
    want = embedded(tmp_path / "embedded")

    async def run() -> dict[str, Any]:
        pool, tel, logic = await opened(pg_url, tmp_path, **{"late.maxAge": 1})
        try:
            await steps(logic, tel, 0, 6)
            await pool.execute(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                " $$ BEGIN RAISE EXCEPTION 'refused'; END $$;"
                " CREATE TRIGGER refuse BEFORE UPDATE ON offsets"
                " FOR EACH ROW EXECUTE FUNCTION refuse();"
            )
            stamp = await pool.fetchval("SELECT stamp FROM device_state")
            with pytest.raises(asyncpg.RaiseError, match="refused"):
                await steps(logic, tel, 6, 7)
            assert await pool.fetchval("SELECT stamp FROM device_state") == stamp
            assert len(logic.states) == 1  # the batch's state, moved on, never committed
            await pool.execute("DROP TRIGGER refuse ON offsets")
            misses = logic.states.misses
            await steps(logic, tel, 6, 1000)  # the refused batch again (as redelivered), on
            assert logic.states.misses == misses + 1
            return await pg_derived(pool)
        finally:
            await pool.close()

    same(asyncio.run(run()), want)


def test_a_writer_from_before_stamps_unstamps_the_state(tmp_path: Path, pg_url: str) -> None:
    """The previous release's upsert (no stamp) during an upgrade: the row's stamp goes to 0,
    which the worker never takes from its cache, so its next batch reads the row."""

    async def run() -> None:
        pool, tel, logic = await opened(pg_url, tmp_path)
        try:
            await steps(logic, tel, 0, 3)
            assert await pool.fetchval("SELECT stamp FROM device_state") != 0
            state = await pool.fetchval("SELECT state FROM device_state")
            await pool.execute(numbered(UNSTAMPED_UPSERT), 1, state, "{}")
            assert await pool.fetchval("SELECT stamp FROM device_state") == 0
            misses = logic.states.misses
            await steps(logic, tel, 3, 4)
            assert logic.states.misses == misses + 1
            assert await pool.fetchval("SELECT stamp FROM device_state") != 0
            await pool.execute("UPDATE device_state SET status = '{}'")  # status only: kept
            assert await pool.fetchval("SELECT stamp FROM device_state") != 0
        finally:
            await pool.close()

    asyncio.run(run())
