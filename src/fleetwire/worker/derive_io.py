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

import orjson

from fleetwire.store import derived_sql as q
from fleetwire.worker.derive import Derived, Read, stored_fix
from fleetwire.worker.logic.model import Fix
from fleetwire.worker.outbox_seam import StatementList, enqueue
from fleetwire.worker.state_cache import State, StateCache

_STATUS = ", ".join(f"'{t}'" for t in ("deviceOnline", "deviceOffline", "deviceUnknown"))
_POS_READ = "fix_time, dedup, server_time, valid, latitude, longitude, speed, attributes"


def _emitted_sql(table: str) -> str:
    sql = q.EMITTED_SINCE[table]
    return sql + f" AND type NOT IN ({_STATUS})" if table == "events" else sql


# -- device states, through the worker's cache -----------------------------------------------
StateAnswer = dict[int, tuple[State, str, int]]  # device -> (state, status JSON, stamp)


def _from_cache(
    stamped: Sequence[Sequence[Any]], cache: StateCache | None
) -> tuple[StateAnswer, list[int]]:
    """From (device, stamp, status) rows: the devices whose state the cache holds with the
    stamp stored, answered; and the others, whose state must be read."""
    found: StateAnswer = {}
    missing: list[int] = []
    for dev, stamp, status in stamped:
        state = None if cache is None else cache.take(int(dev), int(stamp))
        if state is None:
            missing.append(int(dev))
        else:
            found[int(dev)] = (state, status, int(stamp))
    return found, missing


def _parsed(found: StateAnswer, rows: Sequence[Sequence[Any]]) -> StateAnswer:
    """(device, stamp, status, state JSON) rows read whole, added to ``found``."""
    for dev, stamp, status, state in rows:
        found[int(dev)] = (orjson.loads(state), status, int(stamp))
    return found


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
def answer_sqlite(conn: sqlite3.Connection, r: Read, cache: StateCache | None = None) -> Any:
    if r.kind == "states":
        devs = r.args[0]
        stamped = conn.execute(q.STAMPS.format(marks=",".join("?" * len(devs))), devs)
        found, missing = _from_cache(stamped.fetchall(), cache)
        if not missing:
            return found
        sql = q.STATES.format(marks=",".join("?" * len(missing)))
        return _parsed(found, conn.execute(sql, missing).fetchall())
    if r.kind == "statuses":
        devs = r.args[0]
        sql = q.STAMPS.format(marks=",".join("?" * len(devs)))
        return {int(d): status for d, _, status in conn.execute(sql, devs)}
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


def drive_sqlite(
    conn: sqlite3.Connection, gen: Generator[Read, Any, Derived], cache: StateCache | None = None
) -> Derived:
    """``cache``: states the worker holds, used when still the ones stored, and where the
    batch's own go (before its transaction: see worker/state_cache.py)."""
    try:
        r = next(gen)
        while True:
            r = gen.send(answer_sqlite(conn, r, cache))
    except StopIteration as stop:
        result: Derived = stop.value
    if cache is not None:
        for dev, stamp, state in result.cache:
            cache.put(dev, stamp, state)
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
_PG_STAMPS = q.STAMPS.replace("IN ({marks})", "= ANY($1)")
_PG_STATES = q.STATES.replace("IN ({marks})", "= ANY($1)")


def _ts(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _ms(t: datetime) -> int:
    return round(t.timestamp() * 1000)


async def answer_pg(conn: Any, r: Read, cache: StateCache | None = None) -> Any:
    if r.kind == "states":
        stamped = await conn.fetch(_PG_STAMPS, list(r.args[0]))
        found, missing = _from_cache(stamped, cache)
        if not missing:
            return found
        return _parsed(found, await conn.fetch(_PG_STATES, missing))
    if r.kind == "statuses":
        return {int(x[0]): x[2] for x in await conn.fetch(_PG_STAMPS, list(r.args[0]))}
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


async def drive_pg(
    conn: Any, gen: Generator[Read, Any, Derived], cache: StateCache | None = None
) -> Derived:
    """As drive_sqlite."""
    try:
        r = next(gen)
        while True:
            r = gen.send(await answer_pg(conn, r, cache))
    except StopIteration as stop:
        result: Derived = stop.value
    if cache is not None:
        for dev, stamp, state in result.cache:
            cache.put(dev, stamp, state)
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
