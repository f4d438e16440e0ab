"""The outbox on PostgreSQL: the same rows written inside the scale-out worker's batch
transaction (enqueue_pg), nothing new when the batch is written again, and a webhook
dispatcher reading them with the same queries as on SQLite."""

from __future__ import annotations

import asyncio

import asyncpg

from fleetwire.config import OutboxSettings
from fleetwire.store.outbox import OutboxStore, PgDb, run_pg
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgTelemetry, connect_pool
from fleetwire.testing import free_port
from fleetwire.worker.outbox.dispatcher import ForwardDispatcher
from fleetwire.worker.outbox.enqueue import Outbox, position_items
from fleetwire.worker.outbox.rules import Rule, RuleSet
from fleetwire.worker.outbox.webhook import Webhook
from fleetwire.worker.outbox_seam import StatementList
from tests.worker.outbox.helpers import T0, event, position, sink_settings
from tests.worker.outbox.services import Receiver

DEVICES = (1, 2, 3, 4, 5)


def test_outbox_on_postgres(pg_url: str) -> None:
    async def main() -> None:
        conn = await asyncpg.connect(pg_url)
        await schema.migrate(conn)
        await conn.close()
        pool = await connect_pool(pg_url)
        telemetry = PgTelemetry(pool)
        port = free_port()
        settings = sink_settings(f"http://127.0.0.1:{port}/")
        outbox = Outbox(settings, partitions=4, clock=lambda: T0 / 1000)
        outbox.rules = RuleSet(
            rules={
                1: Rule(1, "deviceOverspeed", ("web",), cooldown_ms=60_000),
                2: Rule(2, "deviceStopped", ("web",), min_duration_ms=120_000),
            },
            device_rules={d: frozenset({1, 2}) for d in DEVICES},
            rule_users={1: frozenset({7}), 2: frozenset({7})},
            device_users={d: frozenset({7}) for d in DEVICES},
        )
        rows = [position(d, i, seq=i * 10 + d) for i in range(20) for d in DEVICES]
        events = [event(f"o{d}-{i}", d, "deviceOverspeed", T0 + i * 20_000)
                  for i in range(4) for d in DEVICES]  # fmt: skip
        tx = StatementList()
        outbox.enqueue(tx, position_items(rows) + events)

        async def enqueue(c: asyncpg.Connection) -> None:
            await run_pg(c, tx.items)

        counts = []
        for _ in range(2):  # the batch again: a worker killed between commit and ack
            await telemetry.write_batch("part-0", 200, rows, [], [], enqueue)
            counts.append(await pool.fetchval("SELECT count(*) FROM outbox"))
        # 100 positions and 20 events forwarded; overspeed notified with a 60 s cooldown: 2 each
        assert counts == [100 + 20 + 5 * 2] * 2
        # minDuration on PostgreSQL: a stop at a light (30 s) is cancelled, the last one held
        lights = [event("m", 1, "deviceMoving", T0), event("s1", 1, "deviceStopped", T0 + 300_000),
                  event("m1", 1, "deviceMoving", T0 + 330_000),
                  event("s2", 1, "deviceStopped", T0 + 900_000)]  # fmt: skip
        notifier = Outbox(OutboxSettings(), clock=lambda: T0 / 1000)  # notifications only
        notifier.rules = outbox.rules
        for e in lights:  # one batch each
            tx2 = StatementList()
            notifier.enqueue(tx2, [e])
            async with pool.acquire() as c, c.transaction():
                await run_pg(c, tx2.items)
        got = await pool.fetch(
            "SELECT record_id, status FROM outbox WHERE rule_id = 2 ORDER BY seq"
        )
        assert [tuple(r) for r in got] == [("s1", "cancelled"), ("s2", "held")]

        store = OutboxStore(PgDb(pool))
        notes = await store.list(kinds=["notification"])
        assert sorted(m.record_id for m in notes if m.rule_id == 1) == sorted(
            f"o{d}-{i}" for d in DEVICES for i in (0, 3)
        )
        d = ForwardDispatcher("hook", Webhook(settings.sinks["hook"].url), store, settings, 4)
        receiver = Receiver(port)
        await receiver.start()
        try:
            assert await d.depth() == 120
            for _ in range(100):
                await d.round()
                if await d.depth() == 0:
                    break
                await asyncio.sleep(0.02)
        finally:
            await receiver.stop()
            await d.sink.close()
            await pool.close()
        assert len(receiver.requests) == 120 == len(receiver.unique_ids())
        got = [b for _, b in receiver.requests]
        for dev in DEVICES:
            mine = [b for b in got if b["device"]["id"] == dev]  # type: ignore[index]
            # the batch's order per device: its 20 positions, then its 4 events
            assert [b.get("event", {}).get("id") for b in mine][20:] == [  # type: ignore[attr-defined]
                f"o{dev}-{i}" for i in range(4)
            ]
            fixes = [b["position"]["fixTime"] for b in mine[:20]]  # type: ignore[index]
            assert fixes == sorted(fixes) and len(fixes) == 20
        ids = {b["position"]["id"] for b in got if "position" in b}  # type: ignore[index]
        assert len(ids) == 100 and 0 not in ids

    asyncio.run(main())
