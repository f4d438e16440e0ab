"""Fixtures of the scale-out tier's tests: a fresh PostgreSQL database and a private JetStream
stream per test, against the real services on this machine. Outside CI a missing service skips
these tests with the reason; under CI=true a missing service fails them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from fleetwire.config import RawLogSettings, Settings, StoreSettings
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.store.migrate import migrate_postgres
from tests.conftest import make_settings

PG_ADMIN = os.environ.get("FLEETWIRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
NATS_URL = os.environ.get("FLEETWIRE_TEST_NATS", "nats://127.0.0.1:4222")


def _up(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def require(port: int, what: str) -> None:
    if _up(port):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not running on 127.0.0.1:{port} (CI must start it)")
    pytest.skip(f"{what} is not running on 127.0.0.1:{port}")


@pytest.fixture
def pg_url() -> Iterator[str]:
    require(5432, "PostgreSQL")
    name = f"fleetwire_test_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_ADMIN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f"CREATE DATABASE {name}"))
    yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    asyncio.run(admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def nats_settings() -> Iterator[RawLogSettings]:
    require(4222, "NATS with JetStream")
    tag = uuid.uuid4().hex[:8]
    s = RawLogSettings(
        url=NATS_URL, stream=f"FWTEST_{tag}", subject_prefix=f"fwtest{tag}", partitions=4,
        publish_timeout=2.0, ack_wait=3.0, retention_days=1,
    )  # fmt: skip
    yield s

    async def drop() -> None:
        nc = await rawjs.connect(s, "fleetwire-test")
        js = nc.jetstream()
        try:
            for delete in (
                lambda: js.delete_stream(s.stream),
                lambda: js.delete_key_value(f"{s.stream}_ROUTES"),  # the downlink routes
            ):
                with contextlib.suppress(Exception):
                    await delete()
        finally:
            await nc.drain()

    asyncio.run(drop())


def scale_settings(data_dir: Path, pg: str, raw: RawLogSettings, **gateway: object) -> Settings:
    s = make_settings(data_dir, **gateway)
    s.rawlog = raw
    s.store = StoreSettings(url=pg)
    s.worker.poll_interval = 0.02
    return s


async def migrate(settings: Settings) -> None:
    await migrate_postgres(settings.store.url)
    nc = await rawjs.connect(settings.rawlog, "fleetwire-test")
    try:
        await rawjs.ensure_stream(nc.jetstream(), settings.rawlog)
    finally:
        await nc.drain()
