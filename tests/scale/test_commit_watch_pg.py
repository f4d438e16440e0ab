"""The live feed's wake-up on the scale-out tier: a worker's batch commit NOTIFYs, and the API's
LISTEN connection ends the feed's wait at once (the fallback here is ten minutes away, so a
return means the signal arrived). Real PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fleetwire.api.traccar.commit_watch import PgCommitWatch
from fleetwire.store.migrate import migrate_postgres
from fleetwire.store.postgres.stores import PgTelemetry, connect_pool
from fleetwire.worker.pipeline import to_row
from tests.scale.test_postgres_store import rec

NEVER = 600.0  # s: a fallback poll this test never reaches


def test_a_batch_commit_wakes_the_watch(pg_url: str) -> None:
    async def go() -> None:
        await migrate_postgres(pg_url)
        pool = await connect_pool(pg_url)
        watch = PgCommitWatch(pg_url)
        stopping = asyncio.Event()
        try:
            store = PgTelemetry(pool)
            # the first wait opens the LISTEN connection and looks once (commits before it)
            await asyncio.wait_for(watch.wait(NEVER, stopping), 30)
            now = int(datetime.now(UTC).timestamp() * 1000)
            for k in range(3):
                waiting = asyncio.create_task(watch.wait(NEVER, stopping))
                await asyncio.sleep(0.2)
                assert not waiting.done()  # nothing committed yet: still waiting
                row = to_row(1, rec(30 - k), now, k + 1)
                await store.write_batch("part-0", k + 1, [row], [row], [])
                await asyncio.wait_for(waiting, 30)
            # a transaction that rolls back says nothing
            waiting = asyncio.create_task(watch.wait(NEVER, stopping))
            async with pool.acquire() as conn:
                tx = conn.transaction()
                await tx.start()
                await conn.execute("NOTIFY fleetwire_telemetry")
                await tx.rollback()
            await asyncio.sleep(0.5)
            assert not waiting.done()
            stopping.set()  # and stopping ends the wait too
            await asyncio.wait_for(waiting, 30)
        finally:
            await watch.close()
            await pool.close()

    asyncio.run(go())
