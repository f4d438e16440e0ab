"""SQLite connection setup shared by the embedded raw log, telemetry store and registry.

WAL mode so one writer and many readers (worker, API) never block each other; a busy timeout so
that a second writer (a restarted process, a CLI command) waits instead of failing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(
    path: Path, *, synchronous: str = "full", readonly: bool = False, check_same_thread: bool = True
) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=check_same_thread)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous.upper()}")
    if readonly:
        # a true mode=ro open fails on a WAL file whose -shm does not exist yet; query_only
        # gives the same guarantee (this connection never writes) without that trap
        conn.execute("PRAGMA query_only=1")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA cache_size=-65536")
    return conn


def apply_schema(conn: sqlite3.Connection, statements: str) -> None:
    conn.executescript(statements)


def has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return column in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def add_column(conn: sqlite3.Connection, table: str, column: str, ddl: str) -> None:
    """``ddl`` (an ALTER TABLE ADD COLUMN) run on a file made before the column, unless another
    process adds it at the same moment."""
    if has_column(conn, table, column):
        return
    try:
        conn.execute(ddl)
    except sqlite3.OperationalError:
        if not has_column(conn, table, column):
            raise
