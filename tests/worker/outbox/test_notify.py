"""Notification delivery on every channel against real parts: an SMTP server in the test
process (aiosmtpd) that is down for a while, the test's webhook receiver, Mosquitto, and the web
channel's reader; a notification that cannot be delivered goes dead and shows in the API and in
the metrics."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiomqtt
import httpx
import orjson
import uvicorn
from aiosmtpd.controller import Controller
from prometheus_client import REGISTRY

from fleetwire.config import NotifySettings, OutboxSettings
from fleetwire.store.outbox import OutboxStore, SqliteDb
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.testing import free_port
from fleetwire.worker.outbox.dispatcher import NotifyDispatcher, run_loop
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.outbox.mqtt import settle
from fleetwire.worker.outbox.rules import Rule, RuleSet
from fleetwire.worker.outbox.service import Emails, make_channel
from tests.conftest import make_settings
from tests.worker.outbox.helpers import T0, event, position, run, write
from tests.worker.outbox.services import Inbox, Receiver, require

USERS = {1: "ann@example.com", 2: "bob@example.com", 3: ""}  # 3 has no address


@contextlib.asynccontextmanager
async def dispatching(*ds: NotifyDispatcher, s: OutboxSettings) -> AsyncIterator[None]:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(run_loop(d, s, stop)) for d in ds]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        for d in ds:
            await d.sink.close()


def counter(name: str, sink: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, {"sink": sink, **labels}) or 0.0


@run
async def test_every_channel_delivers_and_failures_are_visible(data_dir: Path) -> None:
    require(1883, "Mosquitto")
    smtp_port, hook_port, tag = free_port(), free_port(), uuid.uuid4().hex[:8]
    s = OutboxSettings(
        notify=NotifySettings(
            webhook_url=f"http://127.0.0.1:{hook_port}/n", webhook_secret="k",
            smtp_port=smtp_port, mqtt_topic=f"fwtest/{tag}/{{user_id}}",
        ),
        max_attempts=12, backoff_initial=0.05, backoff_max=0.4, poll_interval=0.05,
    )  # fmt: skip
    path = data_dir / "telemetry.db"
    store = SqliteTelemetry(path)
    # processed when the last event happened: the first three are over 15 min old by then
    outbox = Outbox(s, devices=lambda d: (f"imei{d}", "Truck 9", "gt06"),
                    clock=lambda: T0 / 1000 + 2400)  # fmt: skip
    outbox.rules = RuleSet(
        rules={1: Rule(1, "alarm", ("web", "mail", "webhook", "mqtt"), alarms=frozenset({"sos"}))},
        device_rules={9: frozenset({1})},
        rule_users={1: frozenset({1, 2, 3})},
        device_users={9: frozenset({1, 2, 3})},
    )
    events = [event(f"sos{k}", 9, "alarm", T0 + k * 600_000, attributes={"alarm": "sos"})
              for k in range(5)]  # fmt: skip
    write(store, outbox, [position(9, k) for k in range(5)], 1, events)
    db = OutboxStore(SqliteDb(path))
    emails = Emails(lambda: asyncio.sleep(0, list(USERS.items())))
    await emails.refresh()
    ds = {c: NotifyDispatcher(c, make_channel(c, s.notify, emails), db, s)
          for c in ("web", "mail", "webhook", "mqtt")}  # fmt: skip
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    receiver = Receiver(hook_port, secret="k")
    await receiver.start()
    mqtt_got: list[tuple[str, dict[str, Any]]] = []
    async with aiomqtt.Client("127.0.0.1", 1883, identifier=f"n-{tag}",
                              protocol=aiomqtt.ProtocolVersion.V5) as sub:  # fmt: skip
        await sub.subscribe(f"fwtest/{tag}/#", qos=1)

        async def pump() -> None:
            async for m in sub.messages:
                props = dict(m.properties.UserProperty)  # type: ignore[union-attr]
                mqtt_got.append((props["X-Fleetwire-Id"], orjson.loads(m.payload)))  # type: ignore[arg-type]

        pumping = asyncio.create_task(pump())
        async with dispatching(*ds.values(), s=s):
            # the SMTP server is down meanwhile: mails wait, retrying
            for _ in range(200):
                failed = await db.list(kinds=["notification"], statuses=["failed"])
                if any(m.sink == "notify:mail" and m.user_id in (1, 2) for m in failed):
                    break
                await asyncio.sleep(0.05)
            assert any(m.sink == "notify:mail" and m.user_id in (1, 2) for m in failed)
            assert inbox.mails == []
            smtp.start()
            try:
                for _ in range(400):
                    dead = await db.list(kinds=["notification"], statuses=["dead"])
                    if len(inbox.mails) >= 10 and len(receiver.requests) >= 15 and \
                            len(mqtt_got) >= 15 and len(dead) >= 5:  # fmt: skip
                        break
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.5)  # nothing more comes
            finally:
                smtp.stop()
                smtp.loop.close()  # aiosmtpd leaves its thread's loop open
        pumping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pumping
    settle(sub)
    await receiver.stop()

    # mail: every (event, user with an address) once, after the outage
    ids = [m["X-Fleetwire-Id"] for m in inbox.mails]
    assert len(ids) == 10 and len(set(ids)) == 10
    assert sorted({m["To"] for m in inbox.mails}) == ["ann@example.com", "bob@example.com"]
    subjects = sorted(str(m["Subject"]) for m in inbox.mails)
    assert subjects == ["Truck 9: alarm"] * 4 + ["Truck 9: alarm (delayed)"] * 6
    # webhook and MQTT: 5 events x 3 users, each once, signed
    assert len(receiver.requests) == 15 == len(receiver.unique_ids())
    assert receiver.bad_signatures == 0
    assert {b["userId"] for _, b in receiver.requests} == {1, 2, 3}
    assert len(mqtt_got) >= 15 and len({i for i, _ in mqtt_got}) == 15
    # web: the rows the WebSocket reads, per user, in order
    feed = await db.web_feed(0, [1])
    assert [m.record_id for m in feed] == [f"sos{k}" for k in range(5)]
    assert await db.web_feed(feed[-1].seq, [1]) == []
    # user 3 has no address: refused max_attempts times, dead, visible
    dead = await db.list(kinds=["notification"], statuses=["dead"])
    assert {(m.sink, m.user_id) for m in dead} == {("notify:mail", 3)}
    assert all(m.attempts == 12 and "no email address" in (m.last_error or "") for m in dead)
    assert counter("fleetwire_outbox_dead_total", "notify:mail") >= 5
    assert counter("fleetwire_outbox_failures_total", "notify:mail", reason="unreachable") >= 1

    # the API lists them
    settings = make_settings(data_dir)
    from fleetwire.api.app import create_app

    app = await asyncio.to_thread(create_app, settings)  # it migrates the registry (its own loop)
    with contextlib.suppress(ImportError):  # where the API has authentication: an administrator's
        # view (the access rules are app-store's, tested there; this test is about the listing)
        app.dependency_overrides[importlib.import_module("fleetwire.api.auth").device_scope] = (
            lambda: None
        )
    server = uvicorn.Server(uvicorn.Config(app, "127.0.0.1", settings.api.port,
                                           log_level="warning"))  # fmt: skip
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.02)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{settings.api.port}") as c:
            r = await c.get("/api/fleetwire/notifications", params={"status": "dead"})
            assert r.status_code == 200
            body = r.json()
            assert len(body) == 5 and {b["channel"] for b in body} == {"mail"}
            assert body[0]["lastError"] == "user 3 has no email address"
            assert body[0]["event"]["type"] == "alarm"
            r = await c.get("/api/fleetwire/outbox")
            summary = {x["sink"]: x for x in r.json()}
            assert summary["notify:mail"] == {"sink": "notify:mail", "depth": 0, "dead": 5}
            r = await c.get("/api/fleetwire/notifications", params={"status": "bogus"})
            assert r.status_code == 422
    finally:
        server.should_exit = True
        await serving
        await db.db.close()
        store.close()
