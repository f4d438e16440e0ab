"""Readers of the derived telemetry tables for the API (CONTRACT.md): events, trips, stops,
geofence visits, rejected positions and the route, by devices and period, on both backends,
async. Superseded rows are left out. The SQL is store/derived_sql.py's dialect: ``?``
placeholders, ms times, one text per query; only the list parameter and the positions table
differ between SQLite and PostgreSQL.

    reader = open_reader(settings)            # SqliteDerived or PgDerived
    trips = await reader.trips([1, 2], from_ms, to_ms)
"""

from __future__ import annotations

import abc
import asyncio
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson

from fleetwire.config import Settings
from fleetwire.sqlite import connect
from fleetwire.store import derived_sql as q
from fleetwire.store.derived_rows import Event, Stop, Trip, Visit


@dataclass(frozen=True, slots=True)
class Rejected:
    device_id: int
    fix_time: int
    server_time: int
    frame_seq: int
    latitude: float | None
    longitude: float | None
    speed: float | None
    attributes: dict[str, Any]
    reason: str  # the filter's key, e.g. filter.future


@dataclass(frozen=True, slots=True)
class RoutePoint:
    device_id: int
    fix_time: int
    valid: bool
    latitude: float | None
    longitude: float | None
    altitude: float | None
    speed: float | None
    course: float | None
    attributes: dict[str, Any]


class DerivedReader(Protocol):
    async def events(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                     types: Sequence[str] = ()) -> list[Event]: ...  # fmt: skip
    async def event(self, id: str) -> Event | None: ...
    async def trips(self, device_ids: Sequence[int], from_ms: int, to_ms: int) -> list[Trip]: ...
    async def stops(self, device_ids: Sequence[int], from_ms: int, to_ms: int) -> list[Stop]: ...
    async def visits(self, device_ids: Sequence[int], from_ms: int,
                     to_ms: int) -> list[Visit]: ...  # fmt: skip
    async def rejected(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                       limit: int = 10000) -> list[Rejected]: ...  # fmt: skip
    async def route(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                    limit: int = 100000) -> list[RoutePoint]: ...  # fmt: skip
    async def close(self) -> None: ...


def _event(r: Sequence[Any]) -> Event:
    return Event(r[0], r[1], r[2], r[3], r[4], r[5], r[6], orjson.loads(r[7]))


def _rejected(r: tuple[Any, ...]) -> Rejected:
    return Rejected(r[0], r[1], r[2], r[3], r[4], r[5], r[6], orjson.loads(r[7]), r[8])


def _point(r: tuple[Any, ...], fix_ms: int) -> RoutePoint:
    return RoutePoint(r[0], fix_ms, bool(r[2]), r[3], r[4], r[5], r[6], r[7], orjson.loads(r[8]))


def _queries(devices: str) -> dict[str, str]:
    """The readers' SQL with ``devices`` as the device-list condition."""
    return {
        "events": f"SELECT {q.EVENT_COLUMNS} FROM events WHERE {devices} AND event_time >= ?"
                  " AND event_time < ? AND superseded = 0 ORDER BY event_time, id",
        "event": f"SELECT {q.EVENT_COLUMNS} FROM events WHERE id = ?",
        "trips": f"SELECT {q.TRIP_COLUMNS} FROM trips WHERE {devices} AND start_time >= ?"
                 " AND start_time < ? AND superseded = 0 ORDER BY device_id, start_time",
        "stops": f"SELECT {q.STOP_COLUMNS} FROM stops WHERE {devices} AND start_time >= ?"
                 " AND start_time < ? AND superseded = 0 ORDER BY device_id, start_time",
        "visits": f"SELECT {q.VISIT_COLUMNS} FROM geofence_visits WHERE {devices}"
                  " AND enter_time >= ? AND enter_time < ? AND superseded = 0"
                  " ORDER BY device_id, enter_time",
        "rejected": "SELECT device_id, fix_time, server_time, frame_seq, latitude, longitude,"
                    f" speed, attributes, reason FROM rejected_positions WHERE {devices}"
                    " AND fix_time >= ? AND fix_time < ? ORDER BY device_id, fix_time LIMIT ?",
    }  # fmt: skip


def _filter_types(sql: str, types: Sequence[str]) -> tuple[str, list[str]]:
    if not types:
        return sql, []
    marks = ",".join("?" * len(types))
    return sql.replace(" ORDER BY", f" AND type IN ({marks}) ORDER BY"), list(types)


class _PeriodReads(abc.ABC):
    """The reads by devices and period, the same on both tiers over each one's `_select` (its
    device-list condition, placeholders and connection)."""

    @abc.abstractmethod
    async def _select(self, name: str, ids: Sequence[int], *rest: Any,
                      types: Sequence[str] = ()) -> list[Any]:  # fmt: skip
        """The rows of `_queries()[name]` for these devices; `rest`: from, to, then the limit."""

    async def events(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                     types: Sequence[str] = ()) -> list[Event]:  # fmt: skip
        rows = await self._select("events", device_ids, from_ms, to_ms, types=types)
        return [_event(tuple(r)) for r in rows]

    async def trips(self, device_ids: Sequence[int], from_ms: int, to_ms: int) -> list[Trip]:
        return [Trip(*r) for r in await self._select("trips", device_ids, from_ms, to_ms)]

    async def stops(self, device_ids: Sequence[int], from_ms: int, to_ms: int) -> list[Stop]:
        return [Stop(*r) for r in await self._select("stops", device_ids, from_ms, to_ms)]

    async def visits(self, device_ids: Sequence[int], from_ms: int, to_ms: int) -> list[Visit]:
        return [Visit(*r) for r in await self._select("visits", device_ids, from_ms, to_ms)]

    async def rejected(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                       limit: int = 10000) -> list[Rejected]:  # fmt: skip
        rows = await self._select("rejected", device_ids, from_ms, to_ms, limit)
        return [_rejected(tuple(r)) for r in rows]


class SqliteDerived(_PeriodReads):
    """Embedded tier: a read-only connection used from a worker thread, one query at a time."""

    def __init__(self, settings: Settings) -> None:
        self._conn = connect(settings.telemetry_path, readonly=True, check_same_thread=False)
        self._lock = threading.Lock()

    async def _fetch(self, sql: str, params: Sequence[Any]) -> list[Any]:
        def run() -> list[Any]:
            with self._lock:
                try:
                    return self._conn.execute(sql, params).fetchall()
                except sqlite3.OperationalError as e:
                    if "no such table" in str(e):  # the worker has not created them yet
                        return []
                    raise

        return await asyncio.to_thread(run)

    @staticmethod
    def _devices(ids: Sequence[int]) -> tuple[str, list[int]]:
        return f"device_id IN ({','.join('?' * len(ids)) or 'NULL'})", list(ids)

    async def _select(self, name: str, ids: Sequence[int], *rest: Any,
                      types: Sequence[str] = ()) -> list[Any]:  # fmt: skip
        cond, params = self._devices(ids)
        sql, tparams = _filter_types(_queries(cond)[name], types)
        p = [*params, *rest[:2], *tparams, *rest[2:]]
        return await self._fetch(sql, p)

    async def event(self, id: str) -> Event | None:
        rows = await self._fetch(_queries("1=1")["event"], [id])
        return _event(rows[0]) if rows else None

    async def route(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                    limit: int = 100000) -> list[RoutePoint]:  # fmt: skip
        cond, params = self._devices(device_ids)
        rows = await self._fetch(
            "SELECT device_id, fix_time, valid, latitude, longitude, altitude, speed, course,"
            f" attributes FROM positions WHERE {cond} AND fix_time >= ? AND fix_time < ?"
            " AND latitude IS NOT NULL ORDER BY device_id, fix_time LIMIT ?",
            [*params, from_ms, to_ms, limit],
        )
        return [_point(tuple(r), r[1]) for r in rows]

    async def close(self) -> None:
        self._conn.close()


def _ts(ms: int) -> datetime:
    return datetime.fromtimestamp(min(max(ms, 0), 253_402_300_799_000) / 1000, UTC)


class PgDerived(_PeriodReads):
    """Scale-out tier: an asyncpg pool (the API's own, or one opened for it)."""

    def __init__(self, pool: Any, own: bool = False) -> None:
        self.pool = pool
        self._own = own

    async def _select(self, name: str, ids: Sequence[int], *rest: Any,
                      types: Sequence[str] = ()) -> list[Any]:  # fmt: skip
        sql, tparams = _filter_types(_queries("device_id = ANY(?)")[name], types)
        params = [list(ids), *rest[:2], *tparams, *rest[2:]]
        return list(await self.pool.fetch(q.numbered(sql), *params))

    async def event(self, id: str) -> Event | None:
        row = await self.pool.fetchrow(q.numbered(_queries("TRUE")["event"]), id)
        return _event(tuple(row)) if row else None

    async def route(self, device_ids: Sequence[int], from_ms: int, to_ms: int,
                    limit: int = 100000) -> list[RoutePoint]:  # fmt: skip
        rows = await self.pool.fetch(
            "SELECT device_id, fix_time, valid, latitude, longitude, altitude, speed, course,"
            " attributes FROM positions WHERE device_id = ANY($1) AND fix_time >= $2"
            " AND fix_time < $3 AND latitude IS NOT NULL ORDER BY device_id, fix_time LIMIT $4",
            list(device_ids), _ts(from_ms), _ts(to_ms), limit,
        )  # fmt: skip
        return [_point(tuple(r), round(r[1].timestamp() * 1000)) for r in rows]

    async def close(self) -> None:
        if self._own:
            await self.pool.close()


async def open_reader(settings: Settings, pool: Any = None) -> DerivedReader:
    """The reader for the configured tier (on ``pool`` when the caller has one)."""
    if settings.store.postgres:
        if pool is not None:
            return PgDerived(pool)
        from fleetwire.store.postgres.stores import connect_pool

        return PgDerived(await connect_pool(settings.store.url, max_size=4), own=True)
    return SqliteDerived(settings)
