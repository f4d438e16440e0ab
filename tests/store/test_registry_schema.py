"""The registry's migrations on both backends: they create exactly what store/schema.py
declares, upgrade registries the older stores made, and run safely from several processes."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import asyncpg
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from fleetwire.config import Settings, StoreSettings
from fleetwire.store.db import open_registry
from fleetwire.store.migrate import (
    _embedded_current,
    _head_by_reading,
    current_revision,
    head,
    migrate,
    migrate_embedded,
    registry_only,
)
from fleetwire.store.postgres import schema as pg_schema
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.schema import metadata

# the commands table as the SQLite store made it before the registry moved to Alembic
OLD_COMMANDS = """
CREATE TABLE IF NOT EXISTS commands (
    id INTEGER PRIMARY KEY, device_id INTEGER NOT NULL, type TEXT NOT NULL,
    attributes TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL,
    idempotency_key TEXT UNIQUE, campaign_id INTEGER, created INTEGER NOT NULL,
    expires INTEGER NOT NULL, sent INTEGER, acknowledged INTEGER, answered INTEGER,
    finished INTEGER, attempts INTEGER NOT NULL DEFAULT 0, result TEXT, error TEXT,
    answer_frame INTEGER UNIQUE, await_answer INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS commands_open ON commands (state, device_id, priority, id);
"""


def _diff(conn: Connection) -> list[Any]:
    ctx = MigrationContext.configure(
        conn, opts={"compare_type": True, "include_name": registry_only}
    )
    return list(compare_metadata(ctx, metadata))


def _meaningful(diffs: list[Any]) -> list[Any]:
    """Differences that matter. The tables created before the registry moved to Alembic
    (devices, commands, campaigns, by plain SQL on SQLite and by the hot-path migrations on
    PostgreSQL) keep their original spelling of the same types (INTEGER for a boolean flag on
    SQLite, bigint for a commands id) and their inline UNIQUE constraints. SQLite's reflection
    also misses the ON DELETE of a reference added by ALTER TABLE: the test below reads it from
    the foreign-key pragma instead."""
    legacy = {"devices", "commands", "campaigns"}
    out = []
    for d in diffs:
        flat = d if isinstance(d, tuple) else d[0]
        kind = flat[0]
        table = flat[2] if kind.startswith("modify_") else getattr(flat[1], "table", flat[1])
        name = getattr(table, "name", table)
        if name in legacy and kind in (
            "modify_type",
            "add_constraint",
            "remove_constraint",
            "add_index",
            "remove_index",
            "modify_default",
            "add_fk",
            "remove_fk",
        ):
            continue  # fmt: skip
        out.append(d)
    return out


def test_migrations_create_what_the_schema_declares(registry_settings: Settings) -> None:
    async def go() -> None:
        engine = open_registry(registry_settings)
        try:
            assert await current_revision(engine) == head()
            async with engine.connect() as conn:
                diffs = await conn.run_sync(_diff)
        finally:
            await engine.dispose()
        assert _meaningful(diffs) == []

    asyncio.run(go())


def test_migrate_twice_changes_nothing(registry_settings: Settings) -> None:
    done = asyncio.run(migrate(registry_settings))
    assert done["registry"] == (head(), head())


def test_an_embedded_registry_of_the_older_stores_is_upgraded(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    reg = SqliteRegistry(settings.registry_path)
    old = reg.add("356307042441013", "truck", "teltonika")
    legacy = sqlite3.connect(settings.registry_path)
    legacy.executescript(OLD_COMMANDS)
    legacy.execute(
        "INSERT INTO commands (device_id, type, attributes, state, created, expires)"
        " VALUES (?, 'engineStop', '{}', 'queued', 1, 2)",
        (old.id,),
    )
    legacy.commit()
    legacy.close()
    assert migrate_embedded(settings) == (None, head())
    # the old data is there, the new columns too, and the raw-SQL paths still work on it
    assert reg.get("356307042441013") == old
    assert reg.resolve([("2", "gt06")], register=True)["2"] is not None
    db = sqlite3.connect(settings.registry_path)
    row = db.execute("SELECT group_id, attributes FROM devices WHERE id = ?", (old.id,)).fetchone()
    assert row == (None, "{}")
    refs = {r[3]: (r[2], r[6]) for r in db.execute("PRAGMA foreign_key_list(devices)")}
    assert refs == {"group_id": ("groups", "SET NULL"), "calendar_id": ("calendars", "SET NULL")}
    assert db.execute("SELECT device_id, state FROM commands").fetchall() == [(old.id, "queued")]
    reg.close()


def test_embedded_roles_starting_together_migrate_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    results: list[Any] = []

    def one() -> None:
        try:
            results.append(migrate_embedded(settings))
        except Exception as e:  # reported below, with the others' results
            results.append(e)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 3
    assert results.count((None, head())) == 1 and results.count((head(), head())) == 2, results


def test_postgresql_devices_created_turns_into_milliseconds(pg_url: str, tmp_path: Path) -> None:
    async def go() -> None:
        conn = await asyncpg.connect(pg_url)
        try:
            await pg_schema.migrate(conn)
            await conn.execute("INSERT INTO devices (unique_id) VALUES ('before')")
            await migrate(Settings(data_dir=tmp_path, store=StoreSettings(url=pg_url)))
            await conn.execute("INSERT INTO devices (unique_id) VALUES ('after')")
            rows = await conn.fetch("SELECT unique_id, created FROM devices ORDER BY id")
        finally:
            await conn.close()
        now = time.time() * 1000
        assert [r["unique_id"] for r in rows] == ["before", "after"]
        assert all(isinstance(r["created"], int) and abs(r["created"] - now) < 60_000 for r in rows)

    asyncio.run(go())


def test_the_fast_start_check_reads_the_same_head_as_alembic() -> None:
    """Roles skip Alembic when registry.db is current, reading the newest revision from the
    migration files; it must agree with Alembic's, whoever adds revisions."""
    assert _head_by_reading() == head()


def test_a_current_registry_is_not_migrated_again(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert migrate_embedded(settings) == (None, head())
    db = sqlite3.connect(settings.registry_path)
    db.execute("UPDATE alembic_version SET version_num = 'older'")
    db.commit()
    assert not _embedded_current(settings.registry_path)
    db.execute("UPDATE alembic_version SET version_num = ?", (head(),))
    db.commit()
    assert _embedded_current(settings.registry_path)
    assert migrate_embedded(settings) == (head(), head())
