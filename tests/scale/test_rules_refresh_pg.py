"""The stream worker's notification rules on PostgreSQL: a worker's partitions run as concurrent
tasks, and every batch, the first ones included, must see the rules the registry holds. A
partition whose first batch went ahead while another task was still reading the rules would
enqueue its events with no rules: their notifications never created (bench/logic_scale.py
showed a third of them missing with one worker over eight partitions)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import asyncpg

from fleetwire.config import StoreSettings
from fleetwire.store.migrate import migrate_postgres
from fleetwire.store.postgres.stores import connect_pool
from fleetwire.worker.stream import StreamWorker
from tests.conftest import make_settings


async def _registry(url: str) -> None:
    await migrate_postgres(url)
    conn = await asyncpg.connect(url)
    try:
        now = int(time.time() * 1000)
        await conn.execute(
            "INSERT INTO users (id, name, email, administrator, created)"
            " VALUES (1, 'a', 'a@localhost', true, $1)",
            now,
        )
        await conn.execute(
            "INSERT INTO notifications (id, type, always, notificators)"
            " VALUES (1, 'deviceOverspeed', true, 'webhook')"
        )
        await conn.execute("INSERT INTO user_notification (user_id, notification_id) VALUES (1, 1)")
    finally:
        await conn.close()


def test_every_partition_task_sees_the_rules_from_its_first_batch(
    tmp_path: Path, pg_url: str
) -> None:
    async def main() -> list[bool]:
        await _registry(pg_url)
        settings = make_settings(tmp_path)
        settings.store = StoreSettings(url=pg_url)
        w = StreamWorker(settings)
        w.pool = await connect_pool(pg_url)
        seen: list[bool] = []

        async def first_batch() -> None:  # what _step does before it enqueues
            await w._refresh_rules()
            seen.append(bool(w.outbox.rules))

        try:
            await asyncio.gather(*(first_batch() for _ in range(8)))
        finally:
            await w.pool.close()
        return seen

    assert asyncio.run(main()) == [True] * 8
