"""The registry's database engine, one kind for both tiers: an async SQLAlchemy engine over
registry.db (aiosqlite) on the embedded tier, over PostgreSQL (asyncpg) on the scale-out tier.

SQLite connections get the same setup as the rest of the embedded stores (WAL, busy timeout) and
foreign keys on, so deleting a user or a device drops its permission links. Write transactions
that read first should go through ``writing``: on SQLite it opens them with BEGIN IMMEDIATE, so a
second writer waits its turn (busy timeout) instead of failing when its read lock cannot be
upgraded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from fleetwire.config import Settings


def registry_url(settings: Settings) -> str:
    """The SQLAlchemy URL of the registry: PostgreSQL when store.url names one, else
    registry.db under data_dir."""
    if settings.store.postgres:
        rest = settings.store.url.split("://", 1)[1]
        return f"postgresql+asyncpg://{rest}"
    return f"sqlite+aiosqlite:///{settings.registry_path}"


def _sqlite_setup(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def connect(dbapi_conn: Any, record: Any) -> None:
        # the driver's own transaction handling would BEGIN lazily and never IMMEDIATE
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "busy_timeout=10000",
            "foreign_keys=ON",
        ):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for a registry URL (``sqlite+aiosqlite:///path`` or
    ``postgresql+asyncpg://...``), set up for that backend."""
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, **kwargs)
        _sqlite_setup(engine)
        return engine
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 5)
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def open_registry(settings: Settings, **kwargs: Any) -> AsyncEngine:
    """The registry engine of these settings. Opening connects nothing: the first query does,
    on the event loop that runs it (an engine must stay on that loop)."""
    return create_engine(registry_url(settings), **kwargs)


@asynccontextmanager
async def writing(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A write transaction, committed at the end (rolled back on an exception)."""
    async with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        yield conn


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"
