"""Applying the schema: the registry's Alembic migrations (store/migrations, both backends) and,
on PostgreSQL, the hand-written migrations of the telemetry hot path (store/postgres/schema.py)
first, since the registry's first revision alters the devices table those create.

`fleetwire migrate` runs ``migrate``. On the embedded tier every role also brings registry.db up
to date when it starts (``migrate_embedded``, under a file lock so the roles of `fleetwire run`
never migrate at the same time); on PostgreSQL roles only check (``check_registry``) and refuse
to run behind.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.config import Settings
from fleetwire.logs import kv
from fleetwire.store.db import create_engine, open_registry, registry_url
from fleetwire.store.schema import metadata

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

_SCRIPTS = Path(__file__).parent / "migrations"
log = logging.getLogger("store")


class SchemaBehind(RuntimeError):
    pass


def registry_only(name: str | None, type_: str, parent: object) -> bool:
    """Alembic's filter: the registry's tables only (PostgreSQL holds the telemetry's too)."""
    return type_ != "table" or name in metadata.tables or name == "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest registry revision of this release."""
    from alembic.script import ScriptDirectory

    h = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert h is not None
    return h


def _current(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(_current)


async def upgrade_registry(engine: AsyncEngine) -> tuple[str | None, str | None]:
    """Bring the registry to the newest revision; return (revision before, revision after)."""

    from alembic import command

    def run(conn: Connection) -> tuple[str | None, str | None]:
        before = _current(conn)
        command.upgrade(alembic_config(conn), "head")
        return before, _current(conn)

    async with engine.execution_options(sqlite_begin="IMMEDIATE").connect() as conn:
        before, after = await conn.run_sync(run)
        await conn.commit()
    if before != after:
        log.info(kv("registry_migrated", before=before, after=after))
    return before, after


async def check_registry(engine: AsyncEngine) -> None:
    have, want = await current_revision(engine), head()
    if have != want:
        raise SchemaBehind(
            f"registry schema is at revision {have}, this release needs {want}:"
            " run `fleetwire migrate`"
        )


# `revision = "x"`, `down_revision: str | None = 'y'`, `down_revision = None`; anything else
# (a merge's tuple) leaves more than one head, and the caller asks Alembic instead
_REVISION = re.compile(
    r"""^(down_revision|revision)\s*(?::[^=\n]*)?=\s*(?:["']([^"'\n]*)["']|None)""", re.M
)


def _head_by_reading() -> str | None:
    """The newest revision, read from the migration files' ``revision``/``down_revision``
    lines without importing Alembic (which costs a role's start a second); None when that
    does not give exactly one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for f in (_SCRIPTS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(f.read_text()))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _embedded_current(path: Path) -> bool:
    """registry.db is at the newest revision already (the common case at every start)."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    head = _head_by_reading()
    return row is not None and head is not None and row[0] == head


def migrate_embedded(settings: Settings) -> tuple[str | None, str | None]:
    """registry.db up to date, one process at a time (the others wait, then find nothing to do)."""
    path = settings.registry_path
    if _embedded_current(path):
        current = _head_by_reading()
        return current, current
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".migrate-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return asyncio.run(_upgrade_url(registry_url(settings)))


async def _upgrade_url(url: str) -> tuple[str | None, str | None]:
    engine = create_engine(url)
    try:
        return await upgrade_registry(engine)
    finally:
        await engine.dispose()


async def migrate_postgres(
    url: str, months_ahead: int = 2, retention_days: float = 0.0
) -> dict[str, Any]:
    """The hot-path migrations, then the registry's, on the PostgreSQL database at ``url``."""
    import asyncpg

    from fleetwire.store.postgres import schema

    out: dict[str, Any] = {}
    conn = await asyncpg.connect(url)
    try:
        out["postgres"] = await schema.migrate(conn, months_ahead)
        out["dropped"] = await schema.drop_expired(conn, retention_days)
    finally:
        await conn.close()
    out["registry"] = await _upgrade_url("postgresql+asyncpg://" + url.split("://", 1)[1])
    return out


async def migrate(settings: Settings) -> dict[str, Any]:
    """Everything `fleetwire migrate` applies to the store of these settings."""
    st = settings.store
    if st.postgres:
        return await migrate_postgres(st.url, st.months_ahead, st.retention_days)
    engine = open_registry(settings)
    try:
        return {"registry": await upgrade_registry(engine)}
    finally:
        await engine.dispose()
