"""The `outbox` role: the dispatchers of every configured sink and notification channel, in one
asyncio process beside the worker (started by `fleetwire run`, or alone as `fleetwire outbox`).

Its own process rather than a task in the worker: the embedded worker is a synchronous batch
loop at the lowest CPU priority, while delivery is network waiting that should go out as soon as
a batch commits; a sink that hangs or a client library that misbehaves cannot slow decoding or
take the worker down; and the supervisor restarts it on its own. On PostgreSQL any number may run
for availability: a session advisory lock lets one deliver at a time (two would deliver twice).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sqlite3
from collections.abc import Callable
from typing import Any

import orjson

from fleetwire.config import NotifySettings, Settings, SinkSettings
from fleetwire.logs import kv
from fleetwire.mailer import mail_configured
from fleetwire.store.outbox import Db, Message, OutboxStore, PgDb, SqliteDb
from fleetwire.worker.outbox.delivery import Sink
from fleetwire.worker.outbox.dispatcher import (
    Dispatcher,
    ForwardDispatcher,
    NotifyDispatcher,
    run_loop,
)

log = logging.getLogger("outbox")

_LOCK = 0x66770004  # one delivering outbox process per PostgreSQL database


def topic(template: str) -> Callable[[Message], str]:
    """A topic/subject/routing key per message from ``{kind}``, ``{device_id}``,
    ``{unique_id}`` and ``{user_id}``."""
    needs_uid = "{unique_id}" in template

    def of(m: Message) -> str:
        uid = ""
        if needs_uid:
            uid = str(orjson.loads(m.payload).get("device", {}).get("uniqueId") or m.device_id)
        return template.format(
            kind=m.kind, device_id=m.device_id, unique_id=uid, user_id=m.user_id or 0
        )

    return of


def make_sink(name: str, s: SinkSettings) -> Sink:
    # each client library is imported only where a sink uses it (a role starts sooner)
    ident = f"fleetwire-outbox-{name}-{socket.gethostname()}-{os.getpid()}"
    if s.type == "webhook":
        from fleetwire.worker.outbox.webhook import Webhook

        return Webhook(s.url, s.secret, s.headers, s.timeout, s.concurrency)
    if s.type == "mqtt":
        from fleetwire.worker.outbox.mqtt import Mqtt

        return Mqtt(s.url, topic(s.topic), ident)
    if s.type == "nats":
        from fleetwire.worker.outbox.nats_sink import Nats

        return Nats(s.url, topic(s.topic), ident)
    from fleetwire.worker.outbox.amqp import Amqp

    return Amqp(s.url, s.exchange, topic(s.topic))


class WebChannel:
    """The web channel is the row itself: the WebSocket reads sent rows (see reader.py)."""

    async def deliver(self, messages: Any) -> None:
        return None

    async def close(self) -> None:
        return None


class Emails:
    """User id -> email address, from the registry's users table, reread now and then."""

    def __init__(self, fetch: Callable[[], Any]) -> None:
        self._fetch = fetch
        self.by_user: dict[int, str] = {}

    async def refresh(self) -> None:
        try:
            rows = await self._fetch()
        except Exception as e:  # a registry without users: no addresses
            log.debug(kv("emails_unavailable", error=repr(e)))
            return
        self.by_user = {int(u): str(e) for u, e in rows if e}

    def __call__(self, user_id: int) -> str | None:
        return self.by_user.get(user_id)


def make_channel(channel: str, s: NotifySettings, emails: Emails) -> Sink:
    ident = f"fleetwire-notify-{socket.gethostname()}-{os.getpid()}"
    if channel == "webhook":
        from fleetwire.worker.outbox.webhook import Webhook

        return Webhook(s.webhook_url, s.webhook_secret)
    if channel == "mail":
        from fleetwire.worker.outbox.mail import Mail

        return Mail(s, emails)
    if channel == "mqtt":
        from fleetwire.worker.outbox.mqtt import Mqtt

        return Mqtt(s.mqtt_url, topic(s.mqtt_topic), ident)
    return WebChannel()


def dispatchers(
    settings: Settings, store: OutboxStore, emails: Emails, partitions: int
) -> list[Dispatcher]:
    o = settings.outbox
    out: list[Dispatcher] = [
        ForwardDispatcher(name, make_sink(name, s), store, o, partitions)
        for name, s in o.sinks.items()
    ]
    for channel in o.notify.channels:
        if channel == "webhook" and not o.notify.webhook_url:
            continue  # not configured: rules naming it get rows that wait, visible in the API
        if channel == "mail" and not mail_configured(o.notify):
            continue  # the same: no SMTP host
        out.append(NotifyDispatcher(channel, make_channel(channel, o.notify, emails), store, o))
    return out


async def serve(settings: Settings, stop: asyncio.Event) -> None:
    db: Db
    lock_conn: Any = None
    if settings.store.postgres:
        import asyncpg

        from fleetwire.store.postgres import schema
        from fleetwire.store.postgres.stores import connect_pool

        pool = await connect_pool(settings.store.url, max_size=4)
        async with pool.acquire() as conn:
            await schema.check(conn)
        lock_conn = await asyncpg.connect(settings.store.url)
        while not await lock_conn.fetchval("SELECT pg_try_advisory_lock($1)", _LOCK):
            with contextlib.suppress(TimeoutError):  # another one delivers: stand by
                await asyncio.wait_for(stop.wait(), 2.0)
            if stop.is_set():
                await lock_conn.close()
                await pool.close()
                return
        db = PgDb(pool)
        partitions = settings.rawlog.partitions if settings.rawlog.jetstream else 1

        async def users() -> Any:
            return await pool.fetch("SELECT id, email FROM users")
    else:
        db = SqliteDb(settings.telemetry_path)
        partitions = 1
        registry = sqlite3.connect(settings.registry_path, check_same_thread=False)

        async def users() -> Any:
            return await asyncio.to_thread(
                lambda: registry.execute("SELECT id, email FROM users").fetchall()
            )

    store = OutboxStore(db)
    emails = Emails(users)
    await emails.refresh()
    ds = dispatchers(settings, store, emails, partitions)
    log.info(kv("outbox_started", dispatchers=",".join(d.name for d in ds)))

    async def refresh_emails() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), settings.outbox.rules_refresh)
            await emails.refresh()

    tasks = [asyncio.create_task(run_loop(d, settings.outbox, stop)) for d in ds]
    tasks.append(asyncio.create_task(refresh_emails()))
    try:
        await asyncio.gather(*tasks)
    finally:
        for d in ds:
            with contextlib.suppress(Exception):
                await d.sink.close()
        await db.close()
        if lock_conn is not None:
            await lock_conn.close()
        log.info(kv("outbox_stopped"))


def run(settings: Settings) -> None:
    from fleetwire.gateway.server import run_async

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(settings, stop)

    run_async(main())
