"""Device online/offline on the scale-out tier: a gateway on JetStream publishes session records
beside a Teltonika device's frames as it connects and disconnects, and a stream worker on
PostgreSQL turns them into deviceOnline/deviceOffline at those moments, decoding none of them
(business-logic.md §8, feature 13)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg

from fleetwire.config import RawLogSettings
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.rawlog.base import OFFLINE, ONLINE, SESSION
from fleetwire.worker.stream import StreamWorker
from tests.gateway.running import running
from tests.scale.conftest import migrate, scale_settings
from tests.scale.test_scale_pipeline import send

UID = "356307042441013"


def test_connect_and_disconnect_become_online_and_offline(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    settings = scale_settings(tmp_path, pg_url, nats_settings)

    async def go() -> None:
        await migrate(settings)
        async with running(settings) as gw:
            for reports in (2, 1):  # two visits, each closed before the next
                await send(gw, UID, reports)
                for _ in range(100):
                    if not gw.connections:
                        break
                    await asyncio.sleep(0.02)
            await gw.committer.drain()
        nc = await rawjs.connect(nats_settings, "t")
        frames = await rawjs.JetStreamRawReader(nc, nats_settings).query(
            1, 0, 2**62, 100, sessions=True
        )
        await nc.drain()
        recs = [(f.data, f.received_us // 1000) for f in frames if f.transport == SESSION]
        assert [r[0] for r in recs] == [ONLINE, OFFLINE, ONLINE, OFFLINE]
        assert len(frames) == 4 + 5  # two logins and three reports besides

        w = StreamWorker(settings)
        task = asyncio.create_task(w.run())
        conn = await asyncpg.connect(pg_url)
        try:
            for _ in range(200):
                if await conn.fetchval("SELECT count(*) FROM positions") == 3:
                    n = await conn.fetchval("SELECT count(*) FROM events WHERE type LIKE"
                                            " 'device%line'")  # fmt: skip
                    if n == 4:
                        break
                await asyncio.sleep(0.1)
            rows = await conn.fetch("SELECT type, event_time FROM events WHERE type LIKE"
                                    " 'device%line' ORDER BY event_time, type")  # fmt: skip
            assert [(r["type"], r["event_time"]) for r in rows] == [
                ("deviceOnline", recs[0][1]), ("deviceOffline", recs[1][1]),
                ("deviceOnline", recs[2][1]), ("deviceOffline", recs[3][1]),
            ]  # fmt: skip
            assert await conn.fetchval("SELECT count(*) FROM dead_letters") == 0
        finally:
            await conn.close()
            w.stopping = True
            await task

    asyncio.run(go())
