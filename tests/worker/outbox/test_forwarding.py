"""Forwarding through the outbox to a webhook the test runs: a receiver that is down for a
while gets every message once it is back, in order per device, each id once; a message the
receiver refuses goes dead after max_attempts and the rest go on."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import orjson

from fleetwire.store.outbox import OutboxStore, SqliteDb
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.testing import free_port
from fleetwire.worker.outbox.dispatcher import ForwardDispatcher, run_loop
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.outbox.webhook import Webhook
from tests.worker.outbox.helpers import position, run, sink_settings, write
from tests.worker.outbox.services import Receiver

DEVICES = (11, 12, 13)


def write_batches(path: Path, outbox: Outbox, start: int, n: int, per_batch: int) -> None:
    """``n`` fixes per device from fix ``start``, interleaved across devices, in batches."""
    store = SqliteTelemetry(path)
    rows = [position(d, i, seq=i * 10 + d) for i in range(start, start + n) for d in DEVICES]
    for k in range(0, len(rows), per_batch):
        chunk = rows[k : k + per_batch]
        write(store, outbox, chunk, chunk[-1][12])
    store.close()


def check_in_order(receiver: Receiver, expected: int) -> None:
    ids = [i for i, _ in receiver.requests]
    assert len(set(ids)) == expected
    # a batch in flight when the receiver came back may go again in part (same ids)
    assert len(ids) - expected <= 500
    for d in DEVICES:
        fixes = [b["position"]["fixTime"] for _, b in receiver.requests  # type: ignore[index]
                 if b["device"]["id"] == d]  # type: ignore[index]  # fmt: skip
        assert fixes == sorted(fixes) and len(fixes) == expected // len(DEVICES)
    assert all(b["position"]["id"] > 0 for _, b in receiver.requests)  # type: ignore[index,operator]


@run
async def test_a_receiver_down_for_a_while_gets_everything_once_in_order(data_dir: Path) -> None:
    path = data_dir / "telemetry.db"
    port = free_port()
    secret = "s3cret"
    settings = sink_settings(f"http://127.0.0.1:{port}/hook", secret=secret)
    outbox = Outbox(settings)
    SqliteTelemetry(path).close()
    store = OutboxStore(SqliteDb(path))
    d = ForwardDispatcher("hook", Webhook(settings.sinks["hook"].url, secret), store, settings)
    stop = asyncio.Event()
    loop = asyncio.create_task(run_loop(d, settings, stop))
    receiver = Receiver(port, secret)
    try:
        # the receiver is down ("ten minutes", compressed): the backlog builds up and waits
        await asyncio.to_thread(write_batches, path, outbox, 0, 100, 40)
        await asyncio.sleep(1.5)
        assert receiver.requests == []
        assert await d.depth() == 300
        await asyncio.to_thread(write_batches, path, outbox, 100, 100, 40)  # still arriving
        await receiver.start()
        for _ in range(300):
            if await d.depth() == 0:
                break
            await asyncio.sleep(0.05)
        assert await d.depth() == 0
    finally:
        stop.set()
        await loop
        await receiver.stop()
        await d.sink.close()
    check_in_order(receiver, 600)
    assert receiver.bad_signatures == 0
    # the attempts made while it was down are on the head message's row
    c = sqlite3.connect(path)
    first = c.execute("SELECT attempts, last_error FROM outbox ORDER BY seq LIMIT 1").fetchone()
    assert first[0] >= 2 and "Connect" in first[1]


@run
async def test_a_refused_message_goes_dead_and_the_rest_go_on(data_dir: Path) -> None:
    path = data_dir / "telemetry.db"
    port = free_port()
    settings = sink_settings(f"http://127.0.0.1:{port}/")
    settings.max_attempts = 3
    outbox = Outbox(settings)
    await asyncio.to_thread(write_batches, path, outbox, 0, 4, 100)
    store = OutboxStore(SqliteDb(path))
    d = ForwardDispatcher("hook", Webhook(settings.sinks["hook"].url), store, settings)
    receiver = Receiver(port)
    receiver.status = 422  # this receiver refuses what it is sent
    await receiver.start()
    try:
        for _ in range(100):  # until the first message has been refused three times
            await d.round()
            if await store.list(kinds=["position"], statuses=["dead"]):
                break
            await asyncio.sleep(0.05)
        receiver.status = 200
        for _ in range(50):
            await d.round()
            if await d.depth() == 0:
                break
            await asyncio.sleep(0.05)
    finally:
        await receiver.stop()
        await d.sink.close()
    dead = await store.list(kinds=["position"], statuses=["dead"])
    assert len(dead) == 1 and dead[0].attempts == 3 and "HTTP 422" in (dead[0].last_error or "")
    assert len(receiver.requests) == 11  # the 11 others, in order
    assert dead[0].id not in receiver.unique_ids()
    body = orjson.loads(dead[0].payload)
    assert body["device"]["id"] == DEVICES[0]
