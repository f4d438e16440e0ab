"""The transactional outbox's tables and queries, on SQLite (telemetry.db) and PostgreSQL alike.

``outbox`` holds one row per message to deliver: a forwarded position or event for one sink, or
a notification for one (rule, user, channel). Its ``id`` is derived from what caused it, so
writing the same batch twice inserts nothing. ``seq`` orders rows in commit order per partition
(one writer per partition at a time), which is what per-device order rests on.
Forwarding sinks read strictly in ``seq`` order past a durable cursor per (sink, partition);
notifications carry their own status, attempts, next attempt time and last error.
``outbox_state`` keeps what rule evaluation must remember between batches (cooldowns,
debounced states). The worker's seam only lets the outbox add statements to the batch's
transaction (worker/outbox_seam.py), never read in it, so the decisions that depend on that state
are made by the statements themselves (``INSERT ... SELECT ... WHERE NOT EXISTS``), in order.

SQL is written once with ``?`` markers; ``pg()`` turns it into asyncpg's ``$n``. Parameters in
a SELECT list carry a CAST so PostgreSQL knows their type. Times are integer ms.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from fleetwire.sqlite import connect

_COLUMNS = """
    id          TEXT    NOT NULL UNIQUE,
    sink        TEXT    NOT NULL,
    part        INTEGER NOT NULL,
    device_id   BIGINT  NOT NULL,
    kind        TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    rule_id     BIGINT,
    user_id     BIGINT,
    created     BIGINT  NOT NULL,
    payload     TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     BIGINT  NOT NULL DEFAULT 0,
    last_error  TEXT,
    done_at     BIGINT,
    event_time  BIGINT  NOT NULL DEFAULT 0
"""
_REST = """
CREATE INDEX IF NOT EXISTS outbox_order ON outbox (sink, part, seq);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (sink, status, next_at);
CREATE INDEX IF NOT EXISTS outbox_device ON outbox (device_id, seq);
CREATE INDEX IF NOT EXISTS outbox_record ON outbox (record_id);
CREATE TABLE IF NOT EXISTS outbox_cursors (
    sink        TEXT    NOT NULL,
    part        INTEGER NOT NULL,
    seq         BIGINT  NOT NULL,
    PRIMARY KEY (sink, part)
);
CREATE TABLE IF NOT EXISTS outbox_state (
    key         TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    value       TEXT NOT NULL
);
"""
SQLITE_DDL = (
    f"CREATE TABLE IF NOT EXISTS outbox (\n    seq INTEGER PRIMARY KEY AUTOINCREMENT,{_COLUMNS});"
    + _REST
)
PG_DDL = f"CREATE TABLE IF NOT EXISTS outbox (\n    seq bigserial PRIMARY KEY,{_COLUMNS});" + _REST

# statuses: forwarding rows stay 'queued' (the cursor says what is delivered) unless dead;
# notifications go pending -> sent, or pending -> failed (retrying) -> ... -> dead; 'held'
# waits out a rule's minimum duration and becomes 'pending' or 'cancelled'
QUEUED, PENDING, HELD, SENT, FAILED, DEAD, CANCELLED = (
    "queued", "pending", "held", "sent", "failed", "dead", "cancelled",
)  # fmt: skip

ROW_COLUMNS = (
    "id, sink, part, device_id, kind, record_id, rule_id, user_id, created, payload, status,"
    " next_at, event_time"
)
INSERT = (
    f"INSERT INTO outbox ({ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO NOTHING"
)
OutboxRow = tuple[str, str, int, int, str, str, int | None, int | None, int, str, str, int, int]

# -- a notification, decided in the transaction -------------------------------------------------
# rows of one (event, rule): inserted unless the rule's cooldown has not run out (the cool key's
# time is too recent), the state the event announces is already the debounced one (a return
# after a blip shorter than minDuration) or already the current one. Unused keys are ''.
_T, _B = "CAST(? AS TEXT)", "CAST(? AS BIGINT)"
NOTIFY = (
    f"INSERT INTO outbox ({ROW_COLUMNS}) SELECT {_T}, {_T}, {_B}, {_B}, {_T}, {_T}, {_B}, {_B},"
    f" {_B}, {_T}, {_T}, {_B}, {_B}"
    " WHERE NOT EXISTS (SELECT 1 FROM outbox_state WHERE key = ? AND at > ?)"
    " AND NOT EXISTS (SELECT 1 FROM outbox_state WHERE key = ? AND value = ?)"
    " AND NOT EXISTS (SELECT 1 FROM outbox_state WHERE key = ? AND value = ?)"
    " ON CONFLICT (id) DO NOTHING"
)
# the cooldown starts at an event that was notified (its rows exist)
COOL = (
    f"INSERT INTO outbox_state (key, at, value) SELECT {_T}, {_B}, ''"
    " WHERE EXISTS (SELECT 1 FROM outbox WHERE rule_id = ? AND record_id = ?)"
    " ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE excluded.at > outbox_state.at"
)
# debounce: before a state event is looked at, the previous state becomes the stable one if
# it lasted minDuration (last key: type and start of the current state)
STABLE = (
    f"INSERT INTO outbox_state (key, at, value) SELECT {_T}, {_B}, value FROM outbox_state"
    " WHERE key = ? AND value <> ? AND at <= ?"
    " ON CONFLICT (key) DO UPDATE SET at = excluded.at, value = excluded.value"
)
LAST = (
    "INSERT INTO outbox_state (key, at, value) VALUES (?, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET at = excluded.at, value = excluded.value"
    " WHERE outbox_state.value <> excluded.value"
)
# the opposite state came before minDuration ran out: the held notifications never go
CANCEL = (
    f"UPDATE outbox SET status = '{CANCELLED}', done_at = ? WHERE rule_id = ? AND device_id = ?"
    f" AND status = '{HELD}' AND event_time > ?"
)

_MARK = re.compile(r"\?")


def pg(sql: str) -> str:
    """``?`` markers to asyncpg's ``$1, $2, ...`` (our SQL has no ``?`` inside literals)."""
    n = 0

    def number(_: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return f"${n}"

    return _MARK.sub(number, sql)


def marks(n: int) -> str:
    return ",".join("?" * n)


@dataclass(slots=True)
class Message:
    seq: int
    id: str
    sink: str
    part: int
    device_id: int
    kind: str
    record_id: str
    rule_id: int | None
    user_id: int | None
    created: int
    payload: str
    status: str
    attempts: int
    next_at: int
    last_error: str | None
    done_at: int | None
    event_time: int


_MSG_COLS = (
    "seq, id, sink, part, device_id, kind, record_id, rule_id, user_id, created, payload, status,"
    " attempts, next_at, last_error, done_at, event_time"
)


class Db(Protocol):
    """What the outbox queries need of a database: the same three calls on both backends."""

    async def fetch(self, sql: str, *args: Any) -> list[tuple[Any, ...]]: ...
    async def execute(self, sql: str, *args: Any) -> None: ...
    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    async def close(self) -> None: ...


class SqliteDb:
    """The embedded telemetry.db from async code: each call in a thread, one at a time."""

    def __init__(self, path: Path) -> None:
        self._conn = connect(path, check_same_thread=False, synchronous="normal")
        self._conn.executescript(SQLITE_DDL)
        self._lock = threading.Lock()

    def _run(self, sql: str, args: tuple[Any, ...], fetch: bool) -> list[tuple[Any, ...]]:
        with self._lock:
            cur = self._conn.execute(sql, args)
            return cur.fetchall() if fetch else []

    async def fetch(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return await asyncio.to_thread(self._run, sql, args, True)

    async def execute(self, sql: str, *args: Any) -> None:
        await asyncio.to_thread(self._run, sql, args, False)

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(sql, rows)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await asyncio.to_thread(self._many, sql, rows)

    async def close(self) -> None:
        self._conn.close()


class PgDb:
    def __init__(self, pool: Any) -> None:
        self.pool = pool

    async def fetch(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await self.pool.fetch(pg(sql), *args)]

    async def execute(self, sql: str, *args: Any) -> None:
        await self.pool.execute(pg(sql), *args)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await self.pool.executemany(pg(sql), rows)

    async def close(self) -> None:
        await self.pool.close()


def _message(r: tuple[Any, ...]) -> Message:
    return Message(*r)


class OutboxStore:
    """The dispatchers' and the API's queries."""

    def __init__(self, db: Db) -> None:
        self.db = db

    # -- forwarding sinks: strict order past a cursor ------------------------------------------
    async def cursor(self, sink: str, part: int) -> int:
        rows = await self.db.fetch(
            "SELECT seq FROM outbox_cursors WHERE sink = ? AND part = ?", sink, part
        )
        return int(rows[0][0]) if rows else 0

    async def after(self, sink: str, part: int, seq: int, limit: int) -> list[Message]:
        rows = await self.db.fetch(
            f"SELECT {_MSG_COLS} FROM outbox WHERE sink = ? AND part = ? AND seq > ?"
            " ORDER BY seq LIMIT ?",
            sink, part, seq, limit,
        )  # fmt: skip
        return [_message(r) for r in rows]

    async def advance(self, sink: str, part: int, seq: int) -> None:
        await self.db.execute(
            "INSERT INTO outbox_cursors (sink, part, seq) VALUES (?, ?, ?)"
            " ON CONFLICT (sink, part) DO UPDATE SET seq = excluded.seq",
            sink, part, seq,
        )  # fmt: skip

    async def depth(self, sink: str, parts: int) -> int:
        total = 0
        for part in range(parts):
            cur = await self.cursor(sink, part)
            rows = await self.db.fetch(
                "SELECT count(*) FROM outbox WHERE sink = ? AND part = ? AND seq > ?",
                sink, part, cur,
            )  # fmt: skip
            total += int(rows[0][0])
        return total

    # -- notifications: a status per row -------------------------------------------------------
    async def release_held(self, sink: str, now_ms: int) -> None:
        await self.db.execute(
            f"UPDATE outbox SET status = '{PENDING}' WHERE sink = ? AND status = '{HELD}'"
            " AND next_at <= ?",
            sink, now_ms,
        )  # fmt: skip

    async def due(self, sink: str, now_ms: int, limit: int) -> list[Message]:
        rows = await self.db.fetch(
            f"SELECT {_MSG_COLS} FROM outbox WHERE sink = ? AND status IN ('{PENDING}',"
            f" '{FAILED}') AND next_at <= ? ORDER BY seq LIMIT ?",
            sink, now_ms, limit,
        )  # fmt: skip
        return [_message(r) for r in rows]

    async def pending_count(self, sink: str) -> int:
        rows = await self.db.fetch(
            f"SELECT count(*) FROM outbox WHERE sink = ? AND status IN ('{PENDING}', '{FAILED}',"
            f" '{HELD}')",
            sink,
        )
        return int(rows[0][0])

    async def mark_many(
        self, marks: Sequence[tuple[int, str, int, int, str | None]], now_ms: int
    ) -> None:
        """(seq, status, attempts, next attempt, error) for many rows, in one transaction."""
        await self.db.executemany(
            "UPDATE outbox SET status = ?, attempts = ?, next_at = ?, last_error = ?,"
            " done_at = ? WHERE seq = ?",
            [(st, n, nxt, err, now_ms if st in (SENT, DEAD) else None, seq)
             for seq, st, n, nxt, err in marks],
        )  # fmt: skip

    async def mark(
        self, seq: int, status: str, attempts: int, next_at: int, error: str | None, now_ms: int
    ) -> None:
        done = now_ms if status in (SENT, DEAD) else None
        await self.db.execute(
            "UPDATE outbox SET status = ?, attempts = ?, next_at = ?, last_error = ?,"
            " done_at = ? WHERE seq = ?",
            status, attempts, next_at, error, done, seq,
        )  # fmt: skip

    # -- readers ------------------------------------------------------------------------------
    async def web_feed(
        self, after_seq: int, user_ids: Sequence[int] | None = None, limit: int = 500
    ) -> list[Message]:
        """The web channel: notifications ready for the WebSocket, after ``after_seq`` (the
        reader keeps the last seq it passed on), for these users (None: all)."""
        where, args = "", []
        if user_ids is not None:
            if not user_ids:
                return []
            where = f" AND user_id IN ({marks(len(user_ids))})"
            args = list(user_ids)
        rows = await self.db.fetch(
            f"SELECT {_MSG_COLS} FROM outbox WHERE sink = 'notify:web' AND status = '{SENT}'"
            f" AND seq > ?{where} ORDER BY seq LIMIT ?",
            after_seq, *args, limit,
        )  # fmt: skip
        return [_message(r) for r in rows]

    async def summary(self) -> list[tuple[str, str, int]]:
        """(sink, status, count) over the whole table, for the API."""
        rows = await self.db.fetch(
            "SELECT sink, status, count(*) FROM outbox GROUP BY sink, status ORDER BY sink, status"
        )
        return [(str(a), str(b), int(c)) for a, b, c in rows]

    # -- both ---------------------------------------------------------------------------------
    async def list(
        self,
        *,
        kinds: Sequence[str],
        statuses: Sequence[str] = (),
        device_ids: Sequence[int] | None = None,
        user_ids: Sequence[int] | None = None,
        limit: int = 100,
    ) -> list[Message]:
        where = [f"kind IN ({marks(len(kinds))})"]
        if user_ids is not None:
            where.append(f"user_id IN ({marks(len(user_ids))})" if user_ids else "1 = 0")
            args_u: list[Any] = list(user_ids)
        else:
            args_u = []
        args: list[Any] = list(kinds) + args_u
        if statuses:
            where.append(f"status IN ({marks(len(statuses))})")
            args += statuses
        if device_ids is not None:
            if not device_ids:
                return []
            where.append(f"device_id IN ({marks(len(device_ids))})")
            args += device_ids
        rows = await self.db.fetch(
            f"SELECT {_MSG_COLS} FROM outbox WHERE {' AND '.join(where)} ORDER BY seq DESC"
            " LIMIT ?",
            *args, limit,
        )  # fmt: skip
        return [_message(r) for r in rows]

    async def purge(self, sink: str, part: int, upto_seq: int, before_ms: int) -> None:
        """Delivered forwarding rows older than the retention (their ids guard against a late
        re-write for that long); dead ones stay for the operator."""
        await self.db.execute(
            f"DELETE FROM outbox WHERE sink = ? AND part = ? AND seq <= ? AND created < ?"
            f" AND status <> '{DEAD}'",
            sink, part, upto_seq, before_ms,
        )  # fmt: skip

    async def purge_done(self, sink: str, before_ms: int) -> None:
        await self.db.execute(
            f"DELETE FROM outbox WHERE sink = ? AND status IN ('{SENT}', '{CANCELLED}')"
            " AND done_at < ?",
            sink, before_ms,
        )  # fmt: skip


def run_sqlite(tx: sqlite3.Connection, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
    """Statements a seam collected, in the caller's transaction (tests, and the worker when the
    business logic is off)."""
    for sql, rows in statements:
        tx.executemany(sql, rows)


async def run_pg(tx: Any, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
    for sql, rows in statements:
        await tx.executemany(pg(sql), rows)
