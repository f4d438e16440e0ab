"""The API's stores on the scale-out tier: PostgreSQL (registry, telemetry) and JetStream (raw
frames), behind the same synchronous methods the endpoints call on the embedded stores.

The async clients live on one event loop in a background thread; FastAPI runs the endpoints in
its thread pool, and each call is handed to that loop.
"""

from __future__ import annotations

from typing import Any

from fleetwire.config import Settings
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.store.blocking import LoopThread, SyncProxy


async def _check_schema(pool: Any) -> None:
    from fleetwire.store.postgres import schema

    async with pool.acquire() as conn:
        await schema.check(conn)


class ScaleStores:
    def __init__(self, settings: Settings) -> None:
        from fleetwire.store.postgres.stores import PgRegistry, PgTelemetry, connect_pool

        self.settings = settings
        self.io = LoopThread()
        pool = self.io.run(connect_pool(settings.store.url, max_size=8))
        self.io.run(_check_schema(pool))
        self.registry: Any = SyncProxy(PgRegistry(pool), self.io)
        self.telemetry: Any = SyncProxy(PgTelemetry(pool), self.io)
        from fleetwire.store.derived import PgDerived

        self.derived: Any = SyncProxy(PgDerived(pool), self.io)
        self.rawlog: Any
        if settings.rawlog.jetstream:
            from fleetwire.rawlog import jetstream as rawjs

            nc = self.io.run(rawjs.connect(settings.rawlog, "fleetwire-api"))
            self.rawlog = SyncProxy(rawjs.JetStreamRawReader(nc, settings.rawlog), self.io)
        else:
            self.rawlog = SqliteRawLogReader(settings.rawlog_path)

    def lag(self) -> tuple[int, int]:
        """(raw-log head, frames not yet processed)."""
        if self.settings.rawlog.jetstream:
            return int(self.rawlog.head()), int(self.rawlog.lag())
        head = int(self.rawlog.head())
        return head, head - int(self.telemetry.offset("worker"))
