"""Answers the reads of worker.derive and writes what it derived, on SQLite (sync) and
PostgreSQL (async): the only per-backend code of the business logic, kept to the positions
table's differences (timestamps and jsonb on PostgreSQL, ms integers on SQLite). Every other
statement is store/derived_sql.py's, shared.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Sequence
from datetime import UTC, datetime
from typing import Any

from fleetwire.store import derived_sql as q
from fleetwire.worker.derive import Derived, Read, stored_fix
from fleetwire.worker.logic.model import Fix
from fleetwire.worker.outbox_seam import StatementList, enqueue

_STATUS = ", ".join(f"'{t}'" for t in ("deviceOnline", "deviceOffline", "deviceUnknown"))
_POS_READ = "fix_time, dedup, server_time, valid, latitude, longitude, speed, attributes"


def _emitted_sql(table: str) -> str:
    sql = q.EMITTED_SINCE[table]
    return sql + f" AND type NOT IN ({_STATUS})" if table == "events" else sql


def statements(d: Derived) -> list[tuple[str, Sequence[Sequence[Any]]]]:
    """The shared writes of a batch, in order (positions and their updates excepted)."""
    out: list[tuple[str, Sequence[Sequence[Any]]]] = [
        (q.CHECKPOINTS_DROP, d.drop_checkpoints),
        (q.REJECTED_INSERT, d.rejected),
    ]
    for table in q.TABLES:
        out.append((q.UPSERT[table], d.rows[table]))
        out.append((q.SUPERSEDE[table], [(i,) for i in d.superseded[table]]))
    out.append((q.STATE_UPSERT, d.states))
    out.append((q.STATUS_UPDATE, d.status_updates))
    out.append((q.CHECKPOINT_INSERT, d.checkpoints))
    out.append((q.CHECKPOINTS_PRUNE, d.prune_checkpoints))
    tx = StatementList()
    enqueue(tx, d.items)
    out.extend(tx.items)
    return [(sql, rows) for sql, rows in out if rows]


# -- SQLite ----------------------------------------------------------------------------------
def answer_sqlite(conn: sqlite3.Connection, r: Read) -> Any:
    if r.kind == "states":
        devs = r.args[0]
        sql = q.STATES.format(marks=",".join("?" * len(devs)))
        return {int(d): (s, st) for d, s, st in conn.execute(sql, devs)}
    if r.kind == "existing":
        dev, t0, t1 = r.args
        return set(conn.execute(
            "SELECT fix_time, dedup FROM positions WHERE device_id = ?"
            " AND fix_time BETWEEN ? AND ?",
            (dev, t0, t1),
        ))  # fmt: skip
    if r.kind == "checkpoint":
        row = conn.execute(q.CHECKPOINT_BEFORE, r.args).fetchone()
        return (int(row[0]), row[1]) if row else None
    if r.kind == "positions":
        dev, t0 = r.args
        rows = conn.execute(
            f"SELECT {_POS_READ} FROM positions WHERE device_id = ? AND fix_time >= ?"
            " ORDER BY fix_time, dedup",
            (dev, t0),
        )
        return [stored_fix(dev, row) for row in rows]
    if r.kind == "emitted":
        return {
            t: {row[0]: tuple(row) for row in conn.execute(_emitted_sql(t), r.args)}
            for t in q.TABLES
        }
    raise ValueError(f"unknown read {r.kind}")


def drive_sqlite(conn: sqlite3.Connection, gen: Generator[Read, Any, Derived]) -> Derived:
    try:
        r = next(gen)
        while True:
            r = gen.send(answer_sqlite(conn, r))
    except StopIteration as stop:
        result: Derived = stop.value
        return result


def write_sqlite(conn: sqlite3.Connection, d: Derived) -> None:
    """Inside the caller's transaction, after the positions."""
    if d.updates:
        conn.executemany(
            "UPDATE positions SET attributes = ? WHERE device_id = ? AND fix_time = ?"
            " AND dedup = ?",
            d.updates,
        )
        # the device's latest position may be one the recompute changed (an earlier batch's)
        conn.executemany(
            "UPDATE latest SET attributes = ? WHERE device_id = ? AND fix_time = ? AND dedup = ?",
            d.updates,
        )
    for sql, rows in statements(d):
        conn.executemany(sql, rows)


# -- PostgreSQL ------------------------------------------------------------------------------
def _ts(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _ms(t: datetime) -> int:
    return round(t.timestamp() * 1000)


async def answer_pg(conn: Any, r: Read) -> Any:
    if r.kind == "states":
        rows = await conn.fetch(
            "SELECT device_id, state, status FROM device_state WHERE device_id = ANY($1)",
            list(r.args[0]),
        )
        return {int(x["device_id"]): (x["state"], x["status"]) for x in rows}
    if r.kind == "existing":
        dev, t0, t1 = r.args
        rows = await conn.fetch(
            "SELECT fix_time, dedup FROM positions WHERE device_id = $1"
            " AND fix_time BETWEEN $2 AND $3",
            dev, _ts(t0), _ts(t1),
        )  # fmt: skip
        return {(_ms(x["fix_time"]), int(x["dedup"])) for x in rows}
    if r.kind == "checkpoint":
        row = await conn.fetchrow(q.numbered(q.CHECKPOINT_BEFORE), *r.args)
        return (int(row["at"]), row["state"]) if row else None
    if r.kind == "positions":
        dev, t0 = r.args
        rows = await conn.fetch(
            f"SELECT {_POS_READ} FROM positions WHERE device_id = $1 AND fix_time >= $2"
            " ORDER BY fix_time, dedup",
            dev, _ts(max(t0, 0)),
        )  # fmt: skip
        return [_pg_fix(dev, x) for x in rows]
    if r.kind == "emitted":
        out = {}
        for t in q.TABLES:
            rows = await conn.fetch(q.numbered(_emitted_sql(t)), *r.args)
            out[t] = {x[0]: tuple(x) for x in rows}
        return out
    raise ValueError(f"unknown read {r.kind}")


def _pg_fix(dev: int, x: Any) -> Fix:
    row = (_ms(x["fix_time"]), x["dedup"], _ms(x["server_time"]), x["valid"], x["latitude"],
           x["longitude"], x["speed"], x["attributes"])  # fmt: skip
    return stored_fix(dev, row)


async def drive_pg(conn: Any, gen: Generator[Read, Any, Derived]) -> Derived:
    try:
        r = next(gen)
        while True:
            r = gen.send(await answer_pg(conn, r))
    except StopIteration as stop:
        result: Derived = stop.value
        return result


async def write_pg(conn: Any, d: Derived) -> None:
    """Inside the caller's transaction, after the positions."""
    if d.updates:
        await conn.executemany(
            "UPDATE positions SET attributes = $1::jsonb WHERE device_id = $2 AND fix_time = $3"
            " AND dedup = $4",
            [(a, dev, _ts(t), h) for a, dev, t, h in d.updates],
        )
        await conn.executemany(
            "UPDATE latest SET attributes = $1::jsonb WHERE device_id = $2 AND fix_time = $3"
            " AND dedup = $4",
            [(a, dev, _ts(t), h) for a, dev, t, h in d.updates],
        )
    for sql, rows in statements(d):
        await conn.executemany(q.numbered(sql), rows)
