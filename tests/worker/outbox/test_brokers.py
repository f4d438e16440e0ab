"""Forwarding to the real local brokers (Mosquitto 1883, NATS 4222, RabbitMQ 5672) through a
relay the test takes down and brings back: every message arrives after the outage, in order per
device, each id at least once and any repeat with the same id."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aio_pika
import aiomqtt
import nats
import orjson
import pytest

from fleetwire.config import SinkSettings
from fleetwire.store.outbox import OutboxStore, SqliteDb
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker.outbox.dispatcher import ForwardDispatcher, run_loop
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.outbox.mqtt import settle
from fleetwire.worker.outbox.service import make_sink
from tests.worker.outbox.helpers import run, sink_settings
from tests.worker.outbox.services import Relay, require
from tests.worker.outbox.test_forwarding import DEVICES, write_batches

PORTS = {"mqtt": 1883, "nats": 4222, "amqp": 5672}
Got = list[tuple[str, dict[str, object]]]


@asynccontextmanager
async def subscriber(kind: str, tag: str, got: Got) -> AsyncIterator[None]:
    """Listen directly on the broker (not through the relay) for the sink's messages."""
    if kind == "nats":
        nc = await nats.connect("nats://127.0.0.1:4222")

        async def on(msg: object) -> None:
            got.append((msg.headers["X-Fleetwire-Id"], orjson.loads(msg.data)))  # type: ignore[attr-defined]

        await nc.subscribe(f"fwtest{tag}.>", cb=on)
        await nc.flush()
        try:
            yield
        finally:
            await nc.close()
    elif kind == "mqtt":
        async with aiomqtt.Client("127.0.0.1", 1883, identifier=f"sub-{tag}",
                                  protocol=aiomqtt.ProtocolVersion.V5) as client:  # fmt: skip
            await client.subscribe(f"fwtest/{tag}/#", qos=1)

            async def pump() -> None:
                async for m in client.messages:
                    props = dict(m.properties.UserProperty)  # type: ignore[union-attr]
                    got.append((props["X-Fleetwire-Id"], orjson.loads(m.payload)))  # type: ignore[arg-type]

            task = asyncio.create_task(pump())
            try:
                yield
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        settle(client)
    else:
        conn = await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/")
        ch = await conn.channel()
        ex = await ch.declare_exchange(f"fwtest-{tag}", aio_pika.ExchangeType.TOPIC, durable=True)
        q = await ch.declare_queue(exclusive=True)
        await q.bind(ex, "#")

        async def on_amqp(m: aio_pika.abc.AbstractIncomingMessage) -> None:
            async with m.process():
                got.append((str(m.message_id), orjson.loads(m.body)))

        await q.consume(on_amqp)
        try:
            yield
        finally:
            await ex.delete()
            await conn.close()


def sink_of(kind: str, port: int, tag: str) -> SinkSettings:
    if kind == "nats":
        return SinkSettings(type="nats", url=f"nats://127.0.0.1:{port}",
                            topic=f"fwtest{tag}.{{kind}}.{{device_id}}")  # fmt: skip
    if kind == "mqtt":
        return SinkSettings(type="mqtt", url=f"mqtt://127.0.0.1:{port}",
                            topic=f"fwtest/{tag}/{{unique_id}}")  # fmt: skip
    return SinkSettings(type="amqp", url=f"amqp://guest:guest@127.0.0.1:{port}/",
                        exchange=f"fwtest-{tag}", topic="{kind}.{device_id}")  # fmt: skip


async def wait(cond: Callable[[], bool], seconds: float) -> None:
    for _ in range(int(seconds / 0.05)):
        if cond():
            return
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("kind", ["mqtt", "nats", "amqp"])
@run
async def test_a_broker_unreachable_for_a_while_gets_everything_in_order(
    kind: str, data_dir: Path
) -> None:
    require(PORTS[kind], kind)
    tag = uuid.uuid4().hex[:8]
    relay = Relay(PORTS[kind])
    await relay.up()
    await relay.down()  # the sink is unreachable from the start
    path = data_dir / "telemetry.db"
    settings = sink_settings()
    settings.sinks = {"bus": sink_of(kind, relay.port, tag)}
    outbox = Outbox(settings, devices=lambda d: (f"imei{d}", None, None))
    SqliteTelemetry(path).close()
    store = OutboxStore(SqliteDb(path))
    d = ForwardDispatcher("bus", make_sink("bus", settings.sinks["bus"]), store, settings)
    got: Got = []
    stop = asyncio.Event()
    async with subscriber(kind, tag, got):
        loop = asyncio.create_task(run_loop(d, settings, stop))
        try:
            await asyncio.to_thread(write_batches, path, outbox, 0, 40, 25)
            await asyncio.sleep(1.0)
            assert got == [] and await d.depth() == 120
            await relay.up()
            await asyncio.to_thread(write_batches, path, outbox, 40, 10, 25)
            await wait(lambda: len({i for i, _ in got}) >= 150, 20)
            await asyncio.sleep(0.3)  # any late repeat shows up too
        finally:
            stop.set()
            await loop
            await d.sink.close()
            await relay.down()
    ids = [i for i, _ in got]
    assert len(set(ids)) == 150
    rows = await store.list(kinds=["position"], limit=1000)
    assert set(ids) == {m.id for m in rows}
    by_id = {m.id: orjson.loads(m.payload) for m in rows}
    for i, body in got:
        assert body == by_id[i]  # a repeat is the same message under the same id
    for dev in DEVICES:
        seen: list[str] = []
        for i, body in got:
            if body["device"]["id"] == dev and i not in seen:  # type: ignore[index]
                seen.append(i)
        fixes = [by_id[i]["position"]["fixTime"] for i in seen]
        assert fixes == sorted(fixes) and len(fixes) == 50
